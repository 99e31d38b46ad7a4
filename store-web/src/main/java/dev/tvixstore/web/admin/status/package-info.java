/** The console's start page: version, data dir, database in use and live row counts. */
package dev.tvixstore.web.admin.status;
