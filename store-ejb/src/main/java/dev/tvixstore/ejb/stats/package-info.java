/** Read-only store statistics (row counts, database in use) for the admin console. */
package dev.tvixstore.ejb.stats;
