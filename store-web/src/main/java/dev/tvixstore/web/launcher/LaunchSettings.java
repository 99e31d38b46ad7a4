package dev.tvixstore.web.launcher;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the launcher needs before the server runs, resolved like MicroProfile Config does it:
 * system property, else environment variable (exact name, then with non-alphanumerics as
 * {@code _}, then upper-cased: {@code TVIX_STORE_DATA_DIR}), else the DESIGN §6 default. The
 * launcher hands the results to the server as system properties, so both agree.
 *
 * @param dataDir absolute data directory
 * @param jdbcUrl metadata database URL
 * @param jdbcUser database user, empty if none given
 * @param jdbcPassword database password, empty if none given
 * @param httpPort HTTP port
 * @param grpcPort gRPC port
 * @param grpcAddress gRPC bind address
 */
public record LaunchSettings(
    Path dataDir,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    int httpPort,
    int grpcPort,
    String grpcAddress) {

  static final String DATA_DIR = "tvix.store.data-dir";
  static final String JDBC_URL = "tvix.store.jdbc.url";
  static final String JDBC_CLASS = "tvix.store.jdbc.class";
  static final String JDBC_USER = "tvix.store.jdbc.user";
  static final String JDBC_PASSWORD = "tvix.store.jdbc.password";
  static final String HTTP_PORT = "tvix.store.http.port";
  static final String GRPC_PORT = "tvix.store.grpc.port";
  static final String GRPC_ADDRESS = "tvix.store.grpc.address";

  /** Resolves every setting; malformed values end start-up with {@link ExitCode#BAD_CONFIG}. */
  public static LaunchSettings resolve(Map<String, String> sysProps, Map<String, String> env)
      throws LaunchException {
    Lookup get = new Lookup(sysProps, env);
    Path dataDir;
    String rawDir = get.value(DATA_DIR).orElse("./data");
    try {
      dataDir = Path.of(rawDir).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new LaunchException(ExitCode.BAD_CONFIG, DATA_DIR + "=" + rawDir + " is not a path");
    }
    // H2 must not close itself from its own shutdown hook: the server closes the pool last.
    String url =
        get.value(JDBC_URL)
            .orElse("jdbc:h2:file:" + dataDir.resolve("metadata") + ";DB_CLOSE_ON_EXIT=FALSE");
    boolean h2 = url.startsWith("jdbc:h2:");
    if (!h2 && !url.startsWith("jdbc:postgresql:")) {
      throw new LaunchException(
          ExitCode.BAD_CONFIG,
          JDBC_URL + "=" + url + " is not supported: use jdbc:h2:... or jdbc:postgresql://...");
    }
    return new LaunchSettings(
        dataDir,
        url,
        get.value(JDBC_USER).orElse(h2 ? "sa" : ""),
        get.raw(JDBC_PASSWORD).orElse(""),
        get.port(HTTP_PORT, 8080),
        get.port(GRPC_PORT, 8000),
        get.value(GRPC_ADDRESS).orElse("127.0.0.1"));
  }

  /** True when the metadata lives in PostgreSQL. */
  public boolean usesPostgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  /** The JDBC data source class the server must use for {@link #jdbcUrl}. */
  public String dataSourceClass() {
    return usesPostgres() ? "org.postgresql.ds.PGSimpleDataSource" : "org.h2.jdbcx.JdbcDataSource";
  }

  /**
   * The values the server reads through MicroProfile Config (system properties win there). An
   * empty password is left out: MicroProfile Config reads "" as unset, and the WAR's config file
   * then supplies its non-empty default.
   */
  public Map<String, String> serverProperties() {
    Map<String, String> props = new HashMap<>();
    props.put(DATA_DIR, dataDir.toString());
    props.put(JDBC_URL, jdbcUrl);
    props.put(JDBC_CLASS, dataSourceClass());
    props.put(JDBC_USER, jdbcUser);
    if (!jdbcPassword.isEmpty()) {
      props.put(JDBC_PASSWORD, jdbcPassword);
    }
    props.put(HTTP_PORT, Integer.toString(httpPort));
    props.put(GRPC_PORT, Integer.toString(grpcPort));
    props.put(GRPC_ADDRESS, grpcAddress);
    return Map.copyOf(props);
  }

  @Override
  public String toString() {
    return "LaunchSettings[dataDir=" + dataDir + ", jdbcUrl=" + jdbcUrl + ", httpPort=" + httpPort
        + ", grpc=" + grpcAddress + ":" + grpcPort + "]";
  }

  /** MicroProfile Config's lookup order for one key. */
  private record Lookup(Map<String, String> sysProps, Map<String, String> env) {

    Optional<String> raw(String key) {
      if (sysProps.containsKey(key)) {
        return Optional.of(sysProps.get(key));
      }
      String underscored = key.replaceAll("[^A-Za-z0-9]", "_");
      for (String name : new String[] {key, underscored, underscored.toUpperCase()}) {
        if (env.containsKey(name)) {
          return Optional.of(env.get(name));
        }
      }
      return Optional.empty();
    }

    /** A non-blank value (blank means "use the default", as in MicroProfile Config). */
    Optional<String> value(String key) {
      return raw(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    int port(String key, int fallback) throws LaunchException {
      Optional<String> v = value(key);
      if (v.isEmpty()) {
        return fallback;
      }
      try {
        int port = Integer.parseInt(v.get());
        if (port >= 1 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new LaunchException(
          ExitCode.BAD_CONFIG, key + "=" + v.get() + " is not a port number (1-65535)");
    }
  }
}
