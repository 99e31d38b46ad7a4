package dev.tvixstore.ejb.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The store's settings (DESIGN §6), validated once. {@link #load} takes any key lookup, so the
 * server (MicroProfile Config) and tests (a map) share the parsing and the defaults.
 *
 * @param dataDir absolute data directory (chunks, default H2 database, generated keys)
 * @param jdbcUrl {@code jdbc:h2:...} or {@code jdbc:postgresql:...}
 * @param jdbcUser database user (may be empty)
 * @param jdbcPassword database password (may be empty)
 * @param httpPort binary cache and console port
 * @param grpcPort gRPC port
 * @param grpcAddress address the gRPC server binds to
 * @param grpcMaxMessageBytes largest inbound gRPC message accepted
 * @param chunkAvgSize FastCDC average chunk size in bytes
 * @param zstdLevel zstd level for chunks at rest
 * @param signingKeyFiles Nix secret key files; empty means "generate one into the data dir"
 * @param cachePriority {@code Priority} announced in {@code /nix-cache-info}
 * @param gcGrace age under which unreferenced data survives a GC run
 */
public record StoreConfig(
    Path dataDir,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    int httpPort,
    int grpcPort,
    String grpcAddress,
    int grpcMaxMessageBytes,
    int chunkAvgSize,
    int zstdLevel,
    List<Path> signingKeyFiles,
    int cachePriority,
    Duration gcGrace) {

  public static final String DATA_DIR = "tvix.store.data-dir";
  public static final String JDBC_URL = "tvix.store.jdbc.url";
  public static final String JDBC_USER = "tvix.store.jdbc.user";
  public static final String JDBC_PASSWORD = "tvix.store.jdbc.password";
  public static final String HTTP_PORT = "tvix.store.http.port";
  public static final String GRPC_PORT = "tvix.store.grpc.port";
  public static final String GRPC_ADDRESS = "tvix.store.grpc.address";
  public static final String GRPC_MAX_MESSAGE = "tvix.store.grpc.max-message-size";
  public static final String CHUNK_AVG_SIZE = "tvix.store.chunk.avg-size";
  public static final String ZSTD_LEVEL = "tvix.store.zstd.level";
  public static final String SIGNING_KEY_FILES = "tvix.store.signing.key-files";
  public static final String CACHE_PRIORITY = "tvix.store.cache.priority";
  public static final String GC_GRACE = "tvix.store.gc.grace";

  /**
   * Smallest and largest FastCDC average size we accept (min = avg/2, max = avg*2); the upper
   * bound is FastCDC's own largest average.
   */
  private static final int MIN_CHUNK_AVG = 1 << 10;

  private static final int MAX_CHUNK_AVG = 1 << 22;

  public StoreConfig {
    Objects.requireNonNull(dataDir, DATA_DIR);
    Objects.requireNonNull(jdbcUrl, JDBC_URL);
    Objects.requireNonNull(jdbcUser, JDBC_USER);
    Objects.requireNonNull(jdbcPassword, JDBC_PASSWORD);
    Objects.requireNonNull(grpcAddress, GRPC_ADDRESS);
    Objects.requireNonNull(gcGrace, GC_GRACE);
    signingKeyFiles = List.copyOf(signingKeyFiles);
    if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw invalid(JDBC_URL, jdbcUrl, "must start with jdbc:h2: or jdbc:postgresql:");
    }
    checkPort(HTTP_PORT, httpPort);
    checkPort(GRPC_PORT, grpcPort);
    if (grpcAddress.isBlank()) {
      throw invalid(GRPC_ADDRESS, grpcAddress, "must not be blank");
    }
    if (grpcMaxMessageBytes < 1024) {
      throw invalid(GRPC_MAX_MESSAGE, grpcMaxMessageBytes, "must be at least 1024");
    }
    if (chunkAvgSize < MIN_CHUNK_AVG || chunkAvgSize > MAX_CHUNK_AVG) {
      throw invalid(CHUNK_AVG_SIZE, chunkAvgSize, "must be in [1024, 4194304]");
    }
    if (zstdLevel < 1 || zstdLevel > 22) {
      throw invalid(ZSTD_LEVEL, zstdLevel, "must be in [1, 22]");
    }
    if (cachePriority < 0) {
      throw invalid(CACHE_PRIORITY, cachePriority, "must not be negative");
    }
    if (gcGrace.isNegative()) {
      throw invalid(GC_GRACE, gcGrace, "must not be negative");
    }
  }

  /**
   * Reads every setting through {@code lookup} (absent or blank values take the DESIGN §6
   * default). The default JDBC URL is the H2 file {@code <data-dir>/metadata}.
   *
   * @throws IllegalArgumentException naming the key and value when a value is malformed
   */
  public static StoreConfig load(Function<String, Optional<String>> lookup) {
    Function<String, Optional<String>> get =
        key -> lookup.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    Path dataDir = Path.of(get.apply(DATA_DIR).orElse("./data")).toAbsolutePath().normalize();
    return new StoreConfig(
        dataDir,
        get.apply(JDBC_URL).orElse(defaultJdbcUrl(dataDir)),
        lookup.apply(JDBC_USER).orElse(""),
        lookup.apply(JDBC_PASSWORD).orElse(""),
        intValue(get, HTTP_PORT, 8080),
        intValue(get, GRPC_PORT, 8000),
        get.apply(GRPC_ADDRESS).orElse("127.0.0.1"),
        intValue(get, GRPC_MAX_MESSAGE, 4 << 20),
        intValue(get, CHUNK_AVG_SIZE, 256 << 10),
        intValue(get, ZSTD_LEVEL, 3),
        get.apply(SIGNING_KEY_FILES).map(StoreConfig::paths).orElse(List.of()),
        intValue(get, CACHE_PRIORITY, 40),
        get.apply(GC_GRACE).map(StoreConfig::duration).orElse(Duration.ofHours(1)));
  }

  /**
   * The embedded default: an H2 file database inside the data dir. H2 must not close itself from
   * its own JVM shutdown hook: the server closes the pool after draining requests.
   */
  public static String defaultJdbcUrl(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.resolve("metadata") + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  /** True when the metadata lives in PostgreSQL rather than the embedded H2. */
  public boolean usesPostgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  /** The URL with any password parameter hidden, for logs and the console. */
  public String jdbcUrlForDisplay() {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  @Override
  public String toString() {
    // Never print the password.
    return "StoreConfig[dataDir=" + dataDir + ", jdbcUrl=" + jdbcUrlForDisplay() + ", httpPort="
        + httpPort + ", grpc=" + grpcAddress + ":" + grpcPort + "]";
  }

  private static int intValue(Function<String, Optional<String>> get, String key, int fallback) {
    Optional<String> raw = get.apply(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.get());
    } catch (NumberFormatException e) {
      throw invalid(key, raw.get(), "is not an integer");
    }
  }

  private static List<Path> paths(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(Path::of)
        .toList();
  }

  private static Duration duration(String iso) {
    try {
      return Duration.parse(iso);
    } catch (DateTimeParseException e) {
      throw invalid(GC_GRACE, iso, "is not an ISO-8601 duration such as PT1H");
    }
  }

  private static void checkPort(String key, int port) {
    if (port < 1 || port > 65535) {
      throw invalid(key, port, "must be in [1, 65535]");
    }
  }

  private static IllegalArgumentException invalid(String key, Object value, String rule) {
    return new IllegalArgumentException(key + "=" + value + " " + rule);
  }
}
