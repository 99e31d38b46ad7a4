/**
 * The console's start page: status rows, byte totals and ratios, traffic, a plot of stored bytes
 * over time and the {@code nix.conf} lines for this cache. Uses {@code ejb.stats}.
 */
package dev.tvixstore.web.admin.dashboard;
