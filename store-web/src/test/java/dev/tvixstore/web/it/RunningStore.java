package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code java -jar tvix-store.jar} on the embedded default (H2 in the data dir) with free ports,
 * started and awaited: the store as a user runs it, for tests that talk to it over the network.
 */
final class RunningStore implements AutoCloseable {

  /** A loaded 2-core machine boots Payara in 15-120 s. */
  private static final Duration BOOT = Duration.ofSeconds(400);

  private final LauncherProcess process;
  private final Path dataDir;
  private final int grpcPort;
  private final int httpPort;

  private RunningStore(LauncherProcess process, Path dataDir, int grpcPort, int httpPort) {
    this.process = process;
    this.dataDir = dataDir;
    this.grpcPort = grpcPort;
    this.httpPort = httpPort;
  }

  /** Starts the store on {@code dataDir} and waits until it says it is ready. */
  static RunningStore start(String name, Path dataDir, Map<String, String> extraEnv)
      throws IOException, InterruptedException {
    int httpPort = LauncherProcess.freePort();
    int grpcPort;
    do { // two probes may hand out the same free port
      grpcPort = LauncherProcess.freePort();
    } while (grpcPort == httpPort);
    Map<String, String> env = new HashMap<>(extraEnv);
    // Most ITs test something else than access control; AccessControlIT passes "false".
    env.putIfAbsent("TVIX_STORE_AUTH_ANONYMOUS_WRITES", "true");
    env.put("TVIX_STORE_DATA_DIR", dataDir.toString());
    env.put("TVIX_STORE_HTTP_PORT", Integer.toString(httpPort));
    env.put("TVIX_STORE_GRPC_PORT", Integer.toString(grpcPort));
    LauncherProcess process = LauncherProcess.start(name, env);
    RunningStore store = new RunningStore(process, dataDir, grpcPort, httpPort);
    if (!process.awaitStdoutLine("tvix-store ready in ", BOOT)) {
      store.close();
      throw new AssertionError(
          "no ready line; stdout:\n" + process.stdout() + "\nstderr:\n" + process.stderr());
    }
    return store;
  }

  /** The file holding the admin token the store wrote at its first start. */
  Path adminTokenFile() {
    return dataDir.resolve("admin-token");
  }

  /** The admin token the store wrote at its first start. */
  String adminToken() throws IOException {
    return Files.readString(adminTokenFile()).strip();
  }

  int grpcPort() {
    return grpcPort;
  }

  int httpPort() {
    return httpPort;
  }

  long pid() {
    return process.pid();
  }

  /** A crash: SIGKILL, nothing gets to flush or clean up. */
  void kill() throws InterruptedException {
    process.kill();
  }

  /** A clean stop: SIGTERM, the JVM runs its shutdown hooks and the gRPC server drains. */
  void stop() throws InterruptedException {
    process.terminate();
    // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks (Payara undeploys the app).
    assertEquals(143, process.exitCode(Duration.ofSeconds(120)), process.stderr());
    assertTrue(process.stderr().contains("tvix-store: gRPC server stopped"), process.stderr());
  }

  String log() {
    return "stdout:\n" + process.stdout() + "\nstderr:\n" + process.stderr();
  }

  @Override
  public void close() {
    process.close();
  }
}
