package dev.tvixstore.web.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreFlightTest {

  @TempDir Path tmp;

  private LaunchSettings settings(Map<String, String> props) throws LaunchException {
    var all = new HashMap<>(props);
    all.putIfAbsent("tvix.store.data-dir", tmp.resolve("data").toString());
    all.putIfAbsent("tvix.store.http.port", Integer.toString(freePort()));
    all.putIfAbsent("tvix.store.grpc.port", Integer.toString(freePort()));
    return LaunchSettings.resolve(all, Map.of());
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void passesAndCreatesTheDataDir() throws LaunchException {
    LaunchSettings s = settings(Map.of("tvix.store.data-dir", tmp.resolve("a/b/c").toString()));
    PreFlight.check(s);
    assertTrue(Files.isDirectory(tmp.resolve("a/b/c")));
  }

  @Test
  void httpPortInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("0.0.0.0", 0));
      int port = taken.getLocalPort();
      LaunchException e =
          assertThrows(
              LaunchException.class,
              () -> PreFlight.check(settings(Map.of("tvix.store.http.port", "" + port))));
      assertEquals(ExitCode.PORT_IN_USE, e.exitCode());
      assertEquals(
          "HTTP port " + port + " is already in use (set tvix.store.http.port to a free port)",
          e.getMessage());
    }
  }

  @Test
  void grpcPortInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = taken.getLocalPort();
      LaunchException e =
          assertThrows(
              LaunchException.class,
              () -> PreFlight.check(settings(Map.of("tvix.store.grpc.port", "" + port))));
      assertEquals(ExitCode.PORT_IN_USE, e.exitCode());
      assertTrue(e.getMessage().startsWith("gRPC port " + port + " is already in use"));
    }
  }

  @Test
  void samePortForBothIsBadConfig() throws Exception {
    int port = freePort();
    LaunchException e =
        assertThrows(
            LaunchException.class,
            () ->
                PreFlight.check(
                    settings(
                        Map.of(
                            "tvix.store.http.port", "" + port,
                            "tvix.store.grpc.port", "" + port))));
    assertEquals(ExitCode.BAD_CONFIG, e.exitCode());
  }

  @Test
  void dataDirUnderARegularFileCannotBeCreated() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    LaunchException e =
        assertThrows(
            LaunchException.class,
            () ->
                PreFlight.check(
                    settings(Map.of("tvix.store.data-dir", file.resolve("data").toString()))));
    assertEquals(ExitCode.DATA_DIR, e.exitCode());
    assertTrue(
        e.getMessage().startsWith("data dir " + file.resolve("data") + " is not a writable"),
        e.getMessage());
  }

  @Test
  void unreachablePostgres() throws Exception {
    int closed = freePort();
    LaunchException e =
        assertThrows(
            LaunchException.class,
            () ->
                PreFlight.check(
                    settings(
                        Map.of(
                            "tvix.store.jdbc.url",
                            "jdbc:postgresql://127.0.0.1:" + closed + "/tvix?password=hunter2",
                            "tvix.store.jdbc.user",
                            "tvix"))));
    assertEquals(ExitCode.DATABASE, e.exitCode());
    assertTrue(
        e.getMessage()
            .startsWith(
                "PostgreSQL is unreachable at jdbc:postgresql://127.0.0.1:" + closed
                    + "/tvix?password=***: "),
        e.getMessage());
  }

  @Test
  void postgresWithoutUserIsBadConfig() {
    LaunchException e =
        assertThrows(
            LaunchException.class,
            () ->
                PreFlight.check(
                    settings(Map.of("tvix.store.jdbc.url", "jdbc:postgresql://127.0.0.1/x"))));
    assertEquals(ExitCode.BAD_CONFIG, e.exitCode());
  }
}
