package dev.tvixstore.ejb.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the versioned migrations under {@code db/migration} to a data source. Plain class, so
 * the same code runs in {@link DbMigrator} and against H2 in unit tests.
 */
public final class SchemaMigrator {

  private final DataSource dataSource;
  private final ClassLoader classLoader;

  public SchemaMigrator(DataSource dataSource, ClassLoader classLoader) {
    this.dataSource = dataSource;
    this.classLoader = classLoader;
  }

  /** Migrates to the newest version and returns how many migrations ran now. */
  public int migrate() {
    MigrateResult result =
        Flyway.configure(classLoader)
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .placeholders(Map.of("bytes", binaryType()))
            .load()
            .migrate();
    return result.migrationsExecuted;
  }

  /**
   * The variable-length binary column type: H2 and PostgreSQL share no name for it, so the
   * migrations say {@code ${bytes}}.
   */
  private String binaryType() {
    try (Connection c = dataSource.getConnection()) {
      return SqlDialect.of(c).binaryType();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the metadata database: " + e.getMessage(), e);
    }
  }
}
