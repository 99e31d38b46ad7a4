package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tvixstore.ejb.persistence.SchemaMigrator;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable artifact as a user starts it: {@code java -jar target/tvix-store.jar}, configured
 * by environment variables. The PostgreSQL boot needs {@code TVIX_TEST_PG_URL},
 * {@code TVIX_TEST_PG_USER} and {@code TVIX_TEST_PG_PASSWORD} (.ci/test sets them).
 */
class LauncherIT {

  /** A loaded 2-core machine boots Payara in 15-120 s. */
  private static final Duration BOOT = Duration.ofSeconds(400);

  private static final Duration FAIL_FAST = Duration.ofSeconds(60);

  @TempDir Path tmp;

  private Map<String, String> baseEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("TVIX_STORE_DATA_DIR", tmp.resolve("data").toString());
    int httpPort = LauncherProcess.freePort();
    int grpcPort;
    do { // two probes may hand out the same free port
      grpcPort = LauncherProcess.freePort();
    } while (grpcPort == httpPort);
    env.put("TVIX_STORE_HTTP_PORT", Integer.toString(httpPort));
    env.put("TVIX_STORE_GRPC_PORT", Integer.toString(grpcPort));
    return env;
  }

  private static String requiredEnv(String name) {
    String value = System.getenv(name);
    if (value == null) {
      fail(name + " is not set: run .ci/test, which starts PostgreSQL and sets TVIX_TEST_PG_*");
    }
    return value;
  }

  @Test
  void bootsOnPostgresServesHttpAndGrpcAndStopsOnSigterm() throws Exception {
    String pgUrl = requiredEnv("TVIX_TEST_PG_URL");
    String pgUser = requiredEnv("TVIX_TEST_PG_USER");
    String pgPassword = requiredEnv("TVIX_TEST_PG_PASSWORD");
    // A schema of its own proves that Flyway created the tables, and is dropped afterwards.
    String schema = "tvix_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    try (Connection admin = pg(pgUrl, pgUser, pgPassword);
        Statement s = admin.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    try {
      Map<String, String> env = baseEnv();
      String separator = pgUrl.contains("?") ? "&" : "?";
      env.put("TVIX_STORE_JDBC_URL", pgUrl + separator + "currentSchema=" + schema);
      env.put("TVIX_STORE_JDBC_USER", pgUser);
      env.put("TVIX_STORE_JDBC_PASSWORD", pgPassword);
      int httpPort = Integer.parseInt(env.get("TVIX_STORE_HTTP_PORT"));
      int grpcPort = Integer.parseInt(env.get("TVIX_STORE_GRPC_PORT"));
      try (LauncherProcess p = LauncherProcess.start("postgres", env)) {
        assertTrue(
            p.awaitStdoutLine("tvix-store ready in ", BOOT),
            "no ready line; stdout:\n" + p.stdout() + "\nstderr:\n" + p.stderr());

        HttpResponse<String> info =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort + "/nix-cache-info"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertEquals(200, info.statusCode());
        assertEquals("StoreDir: /nix/store\nWantMassQuery: 1\nPriority: 40\n", info.body());
        ManagedChannel channel =
            NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        try {
          GrpcProbe.assertServing(channel, StoreEndpointsIT.STORE_SERVICES);
        } finally {
          channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        // The jar migrated PostgreSQL to the same tables as the migrations make on H2, which
        // SchemaMigratorTest lists.
        assertEquals(
            tablesOfTheMigrationsOnH2(),
            tables(pgUrl, pgUser, pgPassword, schema));

        p.terminate();
        int code = p.exitCode(Duration.ofSeconds(60));
        // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks (Payara undeploys the app).
        assertEquals(143, code, p.stderr());
        assertTrue(
            p.stderr().contains("tvix-store: gRPC server stopped"),
            "gRPC was not drained:\n" + p.stderr());
      }
    } finally {
      try (Connection admin = pg(pgUrl, pgUser, pgPassword);
          Statement s = admin.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Test
  void failedDeploymentIsDetectedAndExits7() throws Exception {
    // Payara prints "ready" even when the application failed to deploy (stack-spike §2). An H2
    // database held open by this JVM makes the schema migration, and so the deployment, fail.
    Path data = tmp.resolve("data");
    Files.createDirectories(data);
    String url = "jdbc:h2:file:" + data.resolve("metadata");
    try (Connection lock = DriverManager.getConnection(url, "sa", "tvix-store")) {
      Map<String, String> env = baseEnv();
      try (LauncherProcess p = LauncherProcess.start("deployment-failed", env)) {
        assertEquals(7, p.exitCode(BOOT), p.stderr());
        assertTrue(
            p.stderr()
                .lines()
                .anyMatch(
                    l -> l.startsWith("tvix-store: the application did not come up (see the log")),
            p.stderr());
        assertTrue(p.stdout().lines().noneMatch(l -> l.startsWith("tvix-store ready")));
      }
      assertTrue(lock.isValid(1));
    }
  }

  @Test
  void badJdbcUrlIsOneLineAndExit3() throws Exception {
    Map<String, String> env = baseEnv();
    env.put("TVIX_STORE_JDBC_URL", "jdbc:mysql://127.0.0.1/tvix");
    assertFailsFast(
        "bad-url",
        env,
        3,
        "tvix-store: tvix.store.jdbc.url=jdbc:mysql://127.0.0.1/tvix is not supported");
  }

  @Test
  void unreachablePostgresIsOneLineAndExit6() throws Exception {
    Map<String, String> env = baseEnv();
    int closed = LauncherProcess.freePort();
    env.put("TVIX_STORE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/tvix");
    env.put("TVIX_STORE_JDBC_USER", "tvix");
    assertFailsFast(
        "pg-unreachable",
        env,
        6,
        "tvix-store: PostgreSQL is unreachable at jdbc:postgresql://127.0.0.1:" + closed);
  }

  @Test
  void httpPortInUseIsOneLineAndExit4() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("0.0.0.0", 0));
      Map<String, String> env = baseEnv();
      env.put("TVIX_STORE_HTTP_PORT", Integer.toString(taken.getLocalPort()));
      assertFailsFast(
          "http-port-in-use",
          env,
          4,
          "tvix-store: HTTP port " + taken.getLocalPort() + " is already in use");
    }
  }

  @Test
  void unwritableDataDirIsOneLineAndExit5() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
    Map<String, String> env = baseEnv();
    env.put("TVIX_STORE_DATA_DIR", file.resolve("data").toString());
    assertFailsFast("data-dir", env, 5, "tvix-store: data dir " + file.resolve("data"));
  }

  @Test
  void unknownSubcommandShowsUsageAndExit2() throws Exception {
    try (LauncherProcess p = LauncherProcess.start("unknown-command", baseEnv(), "frobnicate")) {
      assertEquals(2, p.exitCode(FAIL_FAST));
      assertTrue(
          p.stderr().startsWith("tvix-store: unknown command: frobnicate\nusage:"), p.stderr());
    }
  }

  private static void assertFailsFast(
      String name, Map<String, String> env, int exitCode, String linePrefix) throws Exception {
    try (LauncherProcess p = LauncherProcess.start(name, env)) {
      assertEquals(exitCode, p.exitCode(FAIL_FAST), p.stderr());
      List<String> lines = p.stderr().lines().toList();
      assertEquals(1, lines.size(), "expected one line, got:\n" + p.stderr());
      assertTrue(lines.getFirst().startsWith(linePrefix), lines.getFirst());
      assertEquals("", p.stdout());
    }
  }

  private static Connection pg(String url, String user, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    return DriverManager.getConnection(url, props);
  }

  private static List<String> tablesOfTheMigrationsOnH2() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:launcher-it-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    new SchemaMigrator(h2, LauncherIT.class.getClassLoader()).migrate();
    List<String> names = new ArrayList<>();
    try (Connection c = h2.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY 1")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      c.createStatement().execute("SHUTDOWN");
    }
    return names;
  }

  private static List<String> tables(String url, String user, String password, String schema)
      throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = pg(url, user, password);
        var q =
            c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                    + " ORDER BY table_name")) {
      q.setString(1, schema);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }
}
