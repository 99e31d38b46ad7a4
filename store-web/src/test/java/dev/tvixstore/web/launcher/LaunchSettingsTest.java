package dev.tvixstore.web.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchSettingsTest {

  private static LaunchSettings resolve(Map<String, String> props, Map<String, String> env)
      throws LaunchException {
    return LaunchSettings.resolve(props, env);
  }

  @Test
  void defaultsAreDesignSection6() throws LaunchException {
    LaunchSettings s = resolve(Map.of(), Map.of());
    Path data = Path.of("./data").toAbsolutePath().normalize();
    assertEquals(data, s.dataDir());
    assertEquals(
        "jdbc:h2:file:" + data.resolve("metadata") + ";DB_CLOSE_ON_EXIT=FALSE", s.jdbcUrl());
    assertEquals("sa", s.jdbcUser());
    assertEquals(8080, s.httpPort());
    assertEquals(8000, s.grpcPort());
    assertEquals("127.0.0.1", s.grpcAddress());
    assertEquals("org.h2.jdbcx.JdbcDataSource", s.dataSourceClass());
  }

  @Test
  void environmentVariablesUseMicroProfileNames() throws LaunchException {
    LaunchSettings s =
        resolve(
            Map.of(),
            Map.of(
                "TVIX_STORE_DATA_DIR", "/srv/tvix",
                "TVIX_STORE_HTTP_PORT", "9080",
                "tvix_store_grpc_port", "9000",
                "TVIX_STORE_JDBC_URL", "jdbc:postgresql://db:5432/tvix",
                "TVIX_STORE_JDBC_USER", "tvix",
                "TVIX_STORE_JDBC_PASSWORD", ""));
    assertEquals(Path.of("/srv/tvix"), s.dataDir());
    assertEquals(9080, s.httpPort());
    assertEquals(9000, s.grpcPort());
    assertTrue(s.usesPostgres());
    assertEquals("org.postgresql.ds.PGSimpleDataSource", s.dataSourceClass());
    assertEquals("tvix", s.jdbcUser());
    assertEquals("", s.jdbcPassword());
  }

  @Test
  void systemPropertiesWinOverEnvironment() throws LaunchException {
    LaunchSettings s =
        resolve(
            Map.of("tvix.store.http.port", "7000"),
            Map.of("TVIX_STORE_HTTP_PORT", "9080", "TVIX_STORE_DATA_DIR", "/env/data"));
    assertEquals(7000, s.httpPort());
    assertEquals(Path.of("/env/data"), s.dataDir());
    assertEquals("jdbc:h2:file:/env/data/metadata;DB_CLOSE_ON_EXIT=FALSE", s.jdbcUrl());
  }

  @Test
  void serverPropertiesCarryTheResolvedValues() throws LaunchException {
    Map<String, String> p =
        resolve(Map.of("tvix.store.data-dir", "rel/dir"), Map.of()).serverProperties();
    assertEquals(
        Path.of("rel/dir").toAbsolutePath().normalize().toString(), p.get("tvix.store.data-dir"));
    assertEquals("org.h2.jdbcx.JdbcDataSource", p.get("tvix.store.jdbc.class"));
    assertEquals("8080", p.get("tvix.store.http.port"));
    assertFalse(p.containsKey("tvix.store.jdbc.password"), "empty password must stay unset");
    assertEquals(
        "pw",
        resolve(Map.of("tvix.store.jdbc.password", "pw"), Map.of())
            .serverProperties()
            .get("tvix.store.jdbc.password"));
  }

  @Test
  void malformedJdbcUrlIsBadConfig() {
    LaunchException e =
        assertThrows(
            LaunchException.class,
            () -> resolve(Map.of(), Map.of("TVIX_STORE_JDBC_URL", "jdbc:mysql://db/x")));
    assertEquals(ExitCode.BAD_CONFIG, e.exitCode());
    assertEquals(
        "tvix.store.jdbc.url=jdbc:mysql://db/x is not supported: use jdbc:h2:... or"
            + " jdbc:postgresql://...",
        e.getMessage());
  }

  @Test
  void malformedPortIsBadConfig() {
    for (String bad : new String[] {"http", "0", "65536", "-1"}) {
      LaunchException e =
          assertThrows(
              LaunchException.class,
              () -> resolve(Map.of(), Map.of("TVIX_STORE_GRPC_PORT", bad)));
      assertEquals(ExitCode.BAD_CONFIG, e.exitCode());
      assertEquals(
          "tvix.store.grpc.port=" + bad + " is not a port number (1-65535)", e.getMessage());
    }
  }
}
