package dev.tvixstore.ejb.persistence;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A migrated metadata database for one test class, and the {@code store} persistence unit over
 * it as resource-local {@link Transactions}. Register it as a static {@code @RegisterExtension}
 * field; call {@link #clear()} before each test for an empty store.
 *
 * <p>{@link #h2()} is a private in-memory H2. {@link #postgres()} is a schema of its own in the
 * PostgreSQL that {@code .ci/test} starts, dropped afterwards; without that PostgreSQL the test
 * class fails (never skips), saying how to run it.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {
  /** Child tables first, so that deleting never breaks a foreign key. */
  private static final String[] TABLES = {
    "gc_candidate", "gc_live_blob", "gc_live_directory", "gc_run", "gc_pin", "nar_upload",
    "path_signature", "path_reference", "path_info", "nar_calculation",
    "blob_chunk", "blob", "chunk", "directory_blob", "directory_edge", "directory"
  };

  private final boolean postgres;
  private DataSource dataSource;
  private String schema;
  private JdbcConnectionPool pool;
  private EntityManagerFactory emf;
  private Transactions transactions;

  private TestDatabase(boolean postgres) {
    this.postgres = postgres;
  }

  /** A private in-memory H2 database. */
  public static TestDatabase h2() {
    return new TestDatabase(false);
  }

  /** A fresh schema in the test PostgreSQL of {@code .ci/test}. */
  public static TestDatabase postgres() {
    return new TestDatabase(true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    dataSource = postgres ? createPostgresSchema() : h2DataSource();
    new SchemaMigrator(dataSource, TestDatabase.class.getClassLoader()).migrate();
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
    overrides.put("jakarta.persistence.nonJtaDataSource", dataSource);
    overrides.put(
        "hibernate.transaction.jta.platform",
        "org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform");
    // The container-only "false" of persistence.xml makes Hibernate warn; outside the container
    // nothing enhances classes anyway.
    overrides.put("hibernate.enhancer.enableLazyInitialization", "true");
    overrides.put("hibernate.enhancer.enableDirtyTracking", "true");
    // The EE API jars put JSON-B on the test classpath but no provider (the server has one), so
    // Hibernate's default JSON mapper would fail to start. We map no JSON.
    overrides.put("hibernate.type.json_format_mapper", new NoJson());
    emf = Persistence.createEntityManagerFactory("store", overrides);
    transactions = new ResourceLocalTransactions(emf);
  }

  private static final class NoJson implements FormatMapper {
    @Override
    public <T> T fromString(CharSequence s, JavaType<T> type, WrapperOptions options) {
      throw new UnsupportedOperationException("no JSON columns");
    }

    @Override
    public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
      throw new UnsupportedOperationException("no JSON columns");
    }
  }

  private static DataSource h2DataSource() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:tvix-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  private DataSource createPostgresSchema() throws SQLException {
    String url = requiredEnv("TVIX_TEST_PG_URL");
    String user = requiredEnv("TVIX_TEST_PG_USER");
    String password = requiredEnv("TVIX_TEST_PG_PASSWORD");
    schema = "tvix_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    PGSimpleDataSource admin = new PGSimpleDataSource();
    admin.setURL(url);
    admin.setUser(user);
    admin.setPassword(password);
    execute(admin, "CREATE SCHEMA " + schema);
    PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
    ds.setURL(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    ds.setUser(user);
    ds.setPassword(password);
    // A new PostgreSQL connection is a new server process: pooled, as the server's are, the
    // tests spend their time in the store, not in forks (a transaction each was ~50 ms here).
    pool = JdbcConnectionPool.create(ds);
    pool.setMaxConnections(32);
    return pool;
  }

  private static String requiredEnv(String name) {
    String value = System.getenv(name);
    if (value == null) {
      fail(name + " is not set: run .ci/test -o -pl store-ejb -am, which starts PostgreSQL and"
          + " sets TVIX_TEST_PG_*");
    }
    return value;
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    if (emf != null) {
      emf.close();
    }
    if (dataSource != null) {
      execute(dataSource, postgres ? "DROP SCHEMA " + schema + " CASCADE" : "SHUTDOWN");
    }
    if (pool != null) {
      pool.dispose();
    }
  }

  /** The {@code store} unit over this database; conflicts are retried as in the server. */
  public Transactions transactions() {
    return transactions;
  }

  /** The migrated database, for statements a test makes behind the services' backs. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Deletes every row of the store's tables. */
  public void clear() throws SQLException {
    for (String table : TABLES) {
      execute(dataSource, "DELETE FROM " + table);
    }
  }

  /** Rows in {@code table}. */
  public long count(String table) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
