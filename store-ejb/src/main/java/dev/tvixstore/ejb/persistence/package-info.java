/**
 * The metadata database: schema migrations (Flyway, run once at start-up), the JPA entities
 * mapped on those tables (used by store-ejb's services only, never returned by them), the {@code
 * Transactions} seam with its JTA implementation, and the insert-if-absent SQL of each dialect.
 */
package dev.tvixstore.ejb.persistence;
