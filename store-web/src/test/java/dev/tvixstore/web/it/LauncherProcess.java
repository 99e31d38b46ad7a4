package dev.tvixstore.web.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code java -jar target/tvix-store.jar} as a child process, its output kept in files. */
final class LauncherProcess implements AutoCloseable {

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private LauncherProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static LauncherProcess start(String name, Map<String, String> env, String... args)
      throws IOException {
    Path logs = Path.of("target/launcher-it");
    Files.createDirectories(logs);
    Path jar = Path.of("target/tvix-store.jar").toAbsolutePath();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    // Only what the test sets: a TVIX_STORE_* variable from the caller must not leak in.
    pb.environment().keySet().removeIf(k -> k.startsWith("TVIX_STORE_"));
    pb.environment().putAll(env);
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return new LauncherProcess(pb.start(), out, err);
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the exit code; fails the test if the process outlives {@code timeout}. */
  int exitCode(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("launcher still running after " + timeout + "\n" + stderr());
    }
    return process.exitValue();
  }

  /** Waits until stdout has a line starting with {@code prefix}, or the process ended. */
  boolean awaitStdoutLine(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (stdout().lines().anyMatch(l -> l.startsWith(prefix))) {
        return true;
      }
      if (!process.isAlive()) {
        return false;
      }
      Thread.sleep(250);
    }
    return false;
  }

  /** Sends SIGKILL and waits for the process to be gone: a crash, nothing gets to clean up. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("process survived SIGKILL for 30 s");
    }
  }

  /** The process id, for reading its memory use from /proc. */
  long pid() {
    return process.pid();
  }

  /** Sends SIGTERM (what {@code Process.destroy} does on Linux). */
  void terminate() {
    process.destroy();
  }

  String stdout() {
    return read(stdout);
  }

  String stderr() {
    return read(stderr);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
