package dev.tvixstore.web.config;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * Defines the metadata data source {@code java:app/jdbc/store}. Every attribute comes from
 * MicroProfile Config; the class (H2 or PostgreSQL) follows the JDBC URL, see
 * {@code META-INF/microprofile-config.properties}. Payara logs "no value found" for these keys
 * once at deploy time and then resolves them (stack-spike §5).
 */
@DataSourceDefinition(
    name = "java:app/jdbc/store",
    className = "${MPCONFIG=tvix.store.jdbc.class}",
    url = "${MPCONFIG=tvix.store.jdbc.url}",
    user = "${MPCONFIG=tvix.store.jdbc.user}",
    password = "${MPCONFIG=tvix.store.jdbc.password}",
    minPoolSize = 1,
    maxPoolSize = 16)
// An EJB only so that the container reads the annotation; it has no behaviour.
@Singleton
public class StoreDataSource {}
