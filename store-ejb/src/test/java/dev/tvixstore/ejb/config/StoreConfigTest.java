package dev.tvixstore.ejb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreConfigTest {

  private static StoreConfig load(Map<String, String> values) {
    return StoreConfig.load(key -> Optional.ofNullable(values.get(key)));
  }

  @Test
  void defaultsFollowDesignSection6() {
    StoreConfig c = load(Map.of());
    Path data = Path.of("./data").toAbsolutePath().normalize();
    assertEquals(data, c.dataDir());
    assertEquals(
        "jdbc:h2:file:" + data.resolve("metadata") + ";DB_CLOSE_ON_EXIT=FALSE", c.jdbcUrl());
    assertEquals("", c.jdbcUser());
    assertEquals(8080, c.httpPort());
    assertEquals(8000, c.grpcPort());
    assertEquals("127.0.0.1", c.grpcAddress());
    assertEquals(262144, c.chunkAvgSize());
    assertEquals(3, c.zstdLevel());
    assertEquals(List.of(), c.signingKeyFiles());
    assertEquals(40, c.cachePriority());
    assertEquals(Duration.ofHours(1), c.gcGrace());
    assertFalse(c.usesPostgres());
  }

  @Test
  void defaultJdbcUrlFollowsTheDataDir() {
    StoreConfig c = load(Map.of(StoreConfig.DATA_DIR, "/srv/tvix"));
    assertEquals(Path.of("/srv/tvix"), c.dataDir());
    assertEquals("jdbc:h2:file:/srv/tvix/metadata;DB_CLOSE_ON_EXIT=FALSE", c.jdbcUrl());
  }

  @Test
  void readsEveryKey() {
    StoreConfig c =
        load(
            Map.ofEntries(
                Map.entry(StoreConfig.JDBC_URL, "jdbc:postgresql://db:5432/tvix"),
                Map.entry(StoreConfig.JDBC_USER, "tvix"),
                Map.entry(StoreConfig.JDBC_PASSWORD, "s3cret"),
                Map.entry(StoreConfig.HTTP_PORT, "9080"),
                Map.entry(StoreConfig.GRPC_PORT, " 9000 "),
                Map.entry(StoreConfig.GRPC_ADDRESS, "0.0.0.0"),
                Map.entry(StoreConfig.GRPC_MAX_MESSAGE, "8388608"),
                Map.entry(StoreConfig.CHUNK_AVG_SIZE, "65536"),
                Map.entry(StoreConfig.ZSTD_LEVEL, "19"),
                Map.entry(StoreConfig.SIGNING_KEY_FILES, "/k/a.sec, /k/b.sec,"),
                Map.entry(StoreConfig.CACHE_PRIORITY, "10"),
                Map.entry(StoreConfig.GC_GRACE, "PT10M")));
    assertTrue(c.usesPostgres());
    assertEquals("tvix", c.jdbcUser());
    assertEquals("s3cret", c.jdbcPassword());
    assertEquals(9080, c.httpPort());
    assertEquals(9000, c.grpcPort());
    assertEquals("0.0.0.0", c.grpcAddress());
    assertEquals(8388608, c.grpcMaxMessageBytes());
    assertEquals(65536, c.chunkAvgSize());
    assertEquals(19, c.zstdLevel());
    assertEquals(List.of(Path.of("/k/a.sec"), Path.of("/k/b.sec")), c.signingKeyFiles());
    assertEquals(10, c.cachePriority());
    assertEquals(Duration.ofMinutes(10), c.gcGrace());
  }

  @Test
  void blankValuesTakeTheDefault() {
    StoreConfig c = load(Map.of(StoreConfig.HTTP_PORT, "  ", StoreConfig.JDBC_URL, ""));
    assertEquals(8080, c.httpPort());
    assertTrue(c.jdbcUrl().startsWith("jdbc:h2:file:"));
  }

  @Test
  void rejectsOtherJdbcUrls() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> load(Map.of(StoreConfig.JDBC_URL, "jdbc:mysql://x/y")));
    assertEquals(
        "tvix.store.jdbc.url=jdbc:mysql://x/y must start with jdbc:h2: or jdbc:postgresql:",
        e.getMessage());
  }

  @Test
  void rejectsMalformedNumbersNamingTheKey() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> load(Map.of(StoreConfig.GRPC_PORT, "80a")));
    assertEquals("tvix.store.grpc.port=80a is not an integer", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> load(Map.of(StoreConfig.HTTP_PORT, "70000")));
    assertThrows(IllegalArgumentException.class, () -> load(Map.of(StoreConfig.ZSTD_LEVEL, "0")));
    assertThrows(
        IllegalArgumentException.class, () -> load(Map.of(StoreConfig.CHUNK_AVG_SIZE, "100")));
    assertThrows(
        IllegalArgumentException.class, () -> load(Map.of(StoreConfig.CACHE_PRIORITY, "-1")));
    assertThrows(IllegalArgumentException.class, () -> load(Map.of(StoreConfig.GC_GRACE, "1h")));
  }

  @Test
  void toStringHidesThePassword() {
    StoreConfig c =
        load(
            Map.of(
                StoreConfig.JDBC_URL, "jdbc:postgresql://db/tvix?user=u&password=hunter2",
                StoreConfig.JDBC_PASSWORD, "hunter2"));
    assertFalse(c.toString().contains("hunter2"), c.toString());
    assertTrue(c.jdbcUrlForDisplay().endsWith("password=***"));
  }
}
