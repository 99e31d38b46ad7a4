package dev.tvixstore.web.launcher;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Checks what would otherwise fail deep inside the server with a wall of stack traces: ports,
 * data dir, database. Each failure is one {@link LaunchException} with its own exit code.
 */
public final class PreFlight {

  /** How long to wait for PostgreSQL before calling it unreachable. */
  static final int DB_TIMEOUT_SECONDS = 5;

  private PreFlight() {}

  /** Runs every check in the order a user would fix them. */
  public static void check(LaunchSettings s) throws LaunchException {
    if (s.httpPort() == s.grpcPort()) {
      throw new LaunchException(
          ExitCode.BAD_CONFIG,
          "HTTP and gRPC cannot share port " + s.httpPort() + " (tvix.store.http.port,"
              + " tvix.store.grpc.port)");
    }
    checkPortFree("HTTP", "0.0.0.0", s.httpPort(), LaunchSettings.HTTP_PORT);
    checkPortFree("gRPC", s.grpcAddress(), s.grpcPort(), LaunchSettings.GRPC_PORT);
    prepareDataDir(s.dataDir());
    if (s.usesPostgres()) {
      checkPostgres(s);
    }
  }

  /** Fails unless {@code port} can be bound on {@code host} right now. */
  static void checkPortFree(String what, String host, int port, String key)
      throws LaunchException {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new LaunchException(
          ExitCode.BAD_CONFIG, "tvix.store.grpc.address=" + host + " is not a known host");
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(address, port));
    } catch (BindException e) {
      if (String.valueOf(e.getMessage()).contains("in use")) {
        throw new LaunchException(
            ExitCode.PORT_IN_USE,
            what + " port " + port + " is already in use (set " + key + " to a free port)");
      }
      throw new LaunchException(
          ExitCode.BAD_CONFIG,
          "cannot listen on " + host + ":" + port + " for " + what + ": " + e.getMessage());
    } catch (IOException e) {
      throw new LaunchException(
          ExitCode.BAD_CONFIG, "cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
  }

  /** Creates the data dir if needed and proves a file can be written there. */
  static void prepareDataDir(Path dir) throws LaunchException {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new LaunchException(
          ExitCode.DATA_DIR,
          "data dir " + dir + " is not a writable directory (" + describe(e) + "; set "
              + LaunchSettings.DATA_DIR + ")");
    }
  }

  /** Opens and closes one connection, telling unreachable, refused login and missing DB apart. */
  static void checkPostgres(LaunchSettings s) throws LaunchException {
    if (s.jdbcUser().isEmpty()) {
      throw new LaunchException(
          ExitCode.BAD_CONFIG, "PostgreSQL needs a user: set " + LaunchSettings.JDBC_USER);
    }
    Properties props = new Properties();
    props.setProperty("user", s.jdbcUser());
    props.setProperty("password", s.jdbcPassword());
    props.setProperty("connectTimeout", Integer.toString(DB_TIMEOUT_SECONDS));
    props.setProperty("loginTimeout", Integer.toString(DB_TIMEOUT_SECONDS));
    try (Connection c = DriverManager.getConnection(s.jdbcUrl(), props)) {
      c.getMetaData();
    } catch (SQLException e) {
      String state = String.valueOf(e.getSQLState());
      String why = firstLine(e.getMessage());
      String message;
      if (state.startsWith("28")) {
        message = "PostgreSQL refused user " + s.jdbcUser() + ": " + why;
      } else if (state.equals("3D000")) {
        message = "PostgreSQL database does not exist: " + why;
      } else if (e.getMessage() != null && e.getMessage().startsWith("No suitable driver")) {
        message = "the PostgreSQL driver is missing (postgresql.jar beside tvix-store.jar)";
      } else {
        message = "PostgreSQL is unreachable at " + hidePassword(s.jdbcUrl()) + ": " + why;
      }
      throw new LaunchException(ExitCode.DATABASE, message);
    }
  }

  static String hidePassword(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String describe(Exception e) {
    return e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "no detail";
    }
    int nl = text.indexOf('\n');
    return (nl < 0 ? text : text.substring(0, nl)).strip();
  }
}
