/**
 * Store statistics for the admin console: live row counts and the database in use, byte totals,
 * and samples recorded over time ({@code stats_sample}). Uses {@code ejb.persistence}.
 */
package dev.tvixstore.ejb.stats;
