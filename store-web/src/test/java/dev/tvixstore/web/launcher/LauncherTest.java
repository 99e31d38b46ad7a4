package dev.tvixstore.web.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicReference<LaunchSettings> started = new AtomicReference<>();

  private final int httpPort = freePort();

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private Launcher launcher(Map<String, String> env) {
    return new Launcher(
        Map.of(
            "tvix.store.data-dir", tmp.resolve("data").toString(),
            "tvix.store.http.port", Integer.toString(httpPort),
            "tvix.store.grpc.port", Integer.toString(freePort())),
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        started::set);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void serveIsTheDefaultCommand() {
    assertEquals(ExitCode.OK, launcher(Map.of()).run(List.of()));
    assertEquals(httpPort, started.get().httpPort());
    assertEquals("", err());
  }

  @Test
  void serveRunsChecksBeforeStarting() {
    assertEquals(ExitCode.OK, launcher(Map.of()).run(List.of("serve")));
    assertEquals(tmp.resolve("data"), started.get().dataDir());
  }

  @Test
  void unknownCommandPrintsUsageAndExits2() {
    assertEquals(ExitCode.USAGE, launcher(Map.of()).run(List.of("frobnicate")));
    assertTrue(err().startsWith("tvix-store: unknown command: frobnicate\nusage:"), err());
    assertNull(started.get());
  }

  @Test
  void extraArgumentsAreAUsageError() {
    assertEquals(ExitCode.USAGE, launcher(Map.of()).run(List.of("serve", "now")));
    assertNull(started.get());
  }

  @Test
  void helpGoesToStdout() {
    assertEquals(ExitCode.OK, launcher(Map.of()).run(List.of("--help")));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage:"));
    assertNull(started.get());
  }

  @Test
  void badConfigIsOneLineAndNoStart() {
    ExitCode code =
        launcher(Map.of("TVIX_STORE_JDBC_URL", "jdbc:oracle:thin:@x")).run(List.of("serve"));
    assertEquals(ExitCode.BAD_CONFIG, code);
    assertEquals(3, code.code());
    assertEquals(1, err().lines().count(), err());
    assertTrue(err().startsWith("tvix-store: tvix.store.jdbc.url=jdbc:oracle:thin:@x"), err());
    assertNull(started.get());
  }
}
