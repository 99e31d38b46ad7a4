package dev.tvixstore.ejb.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class SchemaMigratorTest {

  private JdbcDataSource ds;

  @BeforeEach
  void freshDatabase(TestInfo info) {
    ds = new JdbcDataSource();
    // A named in-memory database per test, kept open until the JVM ends.
    ds.setURL("jdbc:h2:mem:" + info.getDisplayName().replaceAll("\\W", "") + ";DB_CLOSE_DELAY=-1");
  }

  private SchemaMigrator migrator() {
    return new SchemaMigrator(ds, getClass().getClassLoader());
  }

  @Test
  void createsTheMetadataTablesOnce() throws SQLException {
    assertEquals(7, migrator().migrate());
    assertEquals(0, migrator().migrate());
    List<String> tables = new ArrayList<>();
    try (Connection c = ds.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY 1")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    assertEquals(
        List.of(
            "access_token",
            "blob",
            "blob_chunk",
            "chunk",
            "directory",
            "directory_blob",
            "directory_edge",
            "flyway_schema_history",
            "gc_candidate",
            "gc_live_blob",
            "gc_live_directory",
            "gc_pin",
            "gc_run",
            "nar_calculation",
            "nar_upload",
            "path_info",
            "path_reference",
            "path_signature",
            "scrub_damage",
            "scrub_damage_path",
            "scrub_run",
            "stats_sample"),
        tables);
  }

  @Test
  void digestColumnsHoldBytesAndCheckTheirLength() throws SQLException {
    migrator().migrate();
    try (Connection c = ds.getConnection();
        PreparedStatement put =
            c.prepareStatement("INSERT INTO chunk (digest, size, stored_size) VALUES (?, ?, ?)")) {
      put.setBytes(1, new byte[32]);
      put.setLong(2, 10);
      put.setLong(3, 5);
      assertEquals(1, put.executeUpdate());
      put.setBytes(1, new byte[31]);
      assertThrows(SQLException.class, put::executeUpdate);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT OCTET_LENGTH(digest), size FROM chunk")) {
        rs.next();
        assertEquals(32, rs.getInt(1));
        assertEquals(10, rs.getLong(2));
      }
    }
  }

  @Test
  void blobChunksMustPointAtStoredChunks() throws SQLException {
    migrator().migrate();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO blob (digest, size) VALUES (X'" + "11".repeat(32) + "', 3)");
      assertThrows(
          SQLException.class,
          () ->
              s.executeUpdate(
                  "INSERT INTO blob_chunk (blob_digest, idx, chunk_digest, chunk_offset) VALUES"
                      + " (X'" + "11".repeat(32) + "', 0, X'" + "22".repeat(32) + "', 0)"));
    }
  }

  @Test
  void aVersion1DatabaseIsUpgraded() throws SQLException {
    Flyway.configure(getClass().getClassLoader())
        .dataSource(ds)
        .locations("classpath:db/migration")
        .placeholders(Map.of("bytes", "VARBINARY"))
        .target("1")
        .load()
        .migrate();
    assertEquals(6, migrator().migrate());
  }

  @Test
  void directoriesStoredBeforeVersion4AwaitTheirBlobIndexButNewOnesHaveIt() throws SQLException {
    Flyway.configure(getClass().getClassLoader())
        .dataSource(ds)
        .locations("classpath:db/migration")
        .placeholders(Map.of("bytes", "VARBINARY"))
        .target("3")
        .load()
        .migrate();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO directory (digest, encoded, size) VALUES (X'"
          + "11".repeat(32) + "', X'', 0)");
      assertEquals(4, migrator().migrate());
      s.executeUpdate("INSERT INTO directory (digest, encoded, size) VALUES (X'"
          + "22".repeat(32) + "', X'', 0)");
      List<Boolean> indexed = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery("SELECT blobs_indexed FROM directory ORDER BY digest")) {
        while (rs.next()) {
          indexed.add(rs.getBoolean(1));
        }
      }
      assertEquals(List.of(false, true), indexed);
    }
  }

  @Test
  void aPathKeepsTwoSignaturesOfOneKeyNameButNotOneTwice() throws SQLException {
    migrator().migrate();
    String path = "X'" + "11".repeat(20) + "'";
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO path_info (digest, name, root_node, nar_size, nar_sha256)"
          + " VALUES (" + path + ", 'x', X'00', 8, X'" + "22".repeat(32) + "')");
      String insert = "INSERT INTO path_signature (path_digest, name, data) VALUES (" + path
          + ", 'cache-1', X'";
      s.executeUpdate(insert + "33".repeat(64) + "')");
      s.executeUpdate(insert + "44".repeat(64) + "')");
      assertThrows(SQLException.class, () -> s.executeUpdate(insert + "44".repeat(64) + "')"));
      assertThrows(SQLException.class, () -> s.executeUpdate(insert + "44".repeat(63) + "')"));
    }
  }
}
