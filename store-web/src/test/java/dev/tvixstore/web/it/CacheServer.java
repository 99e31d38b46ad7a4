package dev.tvixstore.web.it;

import dev.tvixstore.testing.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One running store (the launcher jar on H2) shared by the binary cache ITs, which each make their
 * own data: a boot takes 30-90 s here. Signs with the vectors' test key, so that served narinfos
 * can be compared with the ones Nix wrote, and limits NARs to 64 MiB so that the limit can be hit
 * cheaply. Started on first use, stopped when the test run ends.
 */
final class CacheServer implements AutoCloseable {
  static final long MAX_NAR_SIZE = 64L << 20;

  /** Resolves a {@code CacheServer} parameter (of a {@code @BeforeAll}) to the shared server. */
  static final class Shared implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
      return p.getParameter().getType() == CacheServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
      return e.getRoot()
          .getStore(ExtensionContext.Namespace.create(CacheServer.class))
          .getOrComputeIfAbsent(CacheServer.class, k -> start(), CacheServer.class);
    }
  }

  private final Path dir;
  private final RunningStore store;
  private final CacheHttp http;

  private CacheServer(Path dir, RunningStore store) {
    this.dir = dir;
    this.store = store;
    this.http = new CacheHttp(store.httpPort());
  }

  private static CacheServer start() {
    Nix.requireInstalled();
    try {
      Path dir = Files.createTempDirectory("tvix-cache-it");
      Path key = dir.resolve("test-cache-1.sk");
      Files.writeString(key, Vectors.text("keys/test-cache-1.sk"));
      RunningStore store =
          RunningStore.start(
              "cache-it",
              dir.resolve("data"),
              Map.of(
                  "TVIX_STORE_SIGNING_KEY_FILES", key.toString(),
                  "TVIX_STORE_CACHE_MAX_NAR_SIZE", Long.toString(MAX_NAR_SIZE)));
      return new CacheServer(dir, store);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The cache's URL as Nix takes it. */
  String url() {
    return http.base();
  }

  /** The key Nix must trust for it. */
  String publicKey() {
    return Vectors.text("keys/test-cache-1.pk").strip();
  }

  CacheHttp http() {
    return http;
  }

  Path dataDir() {
    return dir.resolve("data");
  }

  int grpcPort() {
    return store.grpcPort();
  }

  /** A scratch directory of its own for a test. */
  Path scratch(String name) throws IOException {
    return Files.createDirectories(dir.resolve("scratch").resolve(name));
  }

  String log() {
    return store.log();
  }

  @Override
  public void close() throws IOException {
    try {
      store.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      store.close();
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
