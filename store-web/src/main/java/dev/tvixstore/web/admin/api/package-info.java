/**
 * The admin HTTP API: JSON under {@code /admin/api}, a Jersey servlet of its own ({@link
 * dev.tvixstore.web.admin.api.AdminApiApplication} lists its resources), for the console and
 * the {@code admin} command line. Uses ejb.gc, ejb.stats and web.cache's write access rule.
 */
package dev.tvixstore.web.admin.api;
