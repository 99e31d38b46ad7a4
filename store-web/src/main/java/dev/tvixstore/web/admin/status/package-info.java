/**
 * The console's status rows (version, data dir, database, live row counts, keys), shown on the
 * dashboard.
 */
package dev.tvixstore.web.admin.status;
