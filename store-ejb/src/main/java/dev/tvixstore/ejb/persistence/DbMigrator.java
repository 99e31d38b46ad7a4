package dev.tvixstore.ejb.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Brings the schema up to date before anything else touches the database. Beans that use the
 * database at start-up declare {@code @DependsOn("DbMigrator")}.
 */
@Startup
@Singleton
// Flyway manages its own transactions; a JTA transaction around it would break DDL on PostgreSQL.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DbMigrator {

  private static final Logger LOG = Logger.getLogger(DbMigrator.class.getName());

  @Resource(lookup = "java:app/jdbc/store")
  private DataSource dataSource;

  @PostConstruct
  void migrate() {
    int applied = new SchemaMigrator(dataSource, DbMigrator.class.getClassLoader()).migrate();
    LOG.info(() -> "tvix-store schema up to date (" + applied + " migration(s) applied now)");
  }
}
