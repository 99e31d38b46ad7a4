/**
 * The metadata database: schema migrations (Flyway, run once at start-up) and, later, the JPA
 * entities, which never leave this module.
 */
package dev.tvixstore.ejb.persistence;
