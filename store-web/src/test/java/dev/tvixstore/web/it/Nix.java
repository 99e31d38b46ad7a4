package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Nix 2.8 command line ({@code nix-bin}, single-user as root, configured by {@code
 * .ci/test}). Each client gets its own cache directory ({@code XDG_CACHE_HOME}): Nix remembers
 * narinfos per cache URL there, so a fresh directory is a fresh client.
 */
final class Nix {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  /** What a command did. */
  record Result(int exit, String stdout, String stderr) {
    String out() {
      return stdout.strip();
    }

    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  private final Path cacheHome;

  /** A client whose narinfo cache lives in {@code cacheHome}. */
  Nix(Path cacheHome) {
    this.cacheHome = cacheHome;
  }

  /** Fails the test class unless {@code nix} is installed and usable, saying how to get it. */
  static void requireInstalled() {
    if (!Files.isExecutable(Path.of("/usr/bin/nix"))) {
      fail("Nix is not installed: run .ci/test, which installs Debian's nix-bin and configures it");
    }
  }

  /** Runs {@code command}; the caller checks the result. */
  Result run(String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("XDG_CACHE_HOME", cacheHome.toString());
    Path out = Files.createTempFile("nix-out", ".txt");
    Path err = Files.createTempFile("nix-err", ".txt");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Process p = pb.start();
      if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        fail(String.join(" ", command) + " still running after " + TIMEOUT);
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Runs {@code command}, which must succeed, and returns its stdout, stripped. */
  String ok(String... command) throws IOException, InterruptedException {
    Result r = run(command);
    assertEquals(0, r.exit(), String.join(" ", command) + "\n" + r);
    return r.out();
  }

  /** {@code nix hash path} of a file system path (the NAR hash of what is there). */
  String hashPath(Path path) throws IOException, InterruptedException {
    return ok("nix", "hash", "path", path.toString());
  }

  /**
   * {@code nix-store --store <root> -r <paths>} from the cache at {@code url}, trusting {@code
   * key}; at most two download attempts, so that failures come quickly.
   */
  Result substitute(Path root, String url, String key, List<String> paths)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("nix-store", "--store", root.toString(), "-r"));
    command.addAll(paths);
    command.addAll(
        List.of(
            "--option",
            "substituters",
            url,
            "--option",
            "trusted-public-keys",
            key,
            "--option",
            "download-attempts",
            "2"));
    return run(command.toArray(String[]::new));
  }

  /** {@code nix copy --to <url>} of {@code paths}. */
  Result copyTo(String url, List<String> paths) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("nix", "copy", "-v", "--to", url));
    command.addAll(paths);
    return run(command.toArray(String[]::new));
  }
}
