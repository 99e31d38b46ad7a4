package dev.tvixstore.web.launcher;

import dev.tvixstore.web.cli.AdminCli;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar tvix-store.jar [serve]}: resolves the configuration, checks it, then runs the
 * store on Payara Micro. {@code java -jar tvix-store.jar admin ...} is the admin API's command
 * line ({@link AdminCli}). Every start-up failure is one line on stderr and its own exit code
 * ({@link ExitCode}).
 */
public final class Launcher {

  static final String USAGE =
      """
      usage: java -jar tvix-store.jar [serve]
             java -jar tvix-store.jar admin [--url URL] [--token-file FILE] COMMAND
        serve   run the store (default): binary cache + console on HTTP, tvix castore/store on gRPC
        admin   client of a running store's admin API: gc [--dry-run] | delete STORE_PATH
                [--with-referrers] | pin STORE_PATH | unpin STORE_PATH | stats ("admin" alone
                lists them)
        help    show this text
      Configuration: system properties or environment variables, e.g. TVIX_STORE_DATA_DIR,
      TVIX_STORE_HTTP_PORT, TVIX_STORE_GRPC_PORT, TVIX_STORE_GRPC_ADDRESS, TVIX_STORE_JDBC_URL,
      TVIX_STORE_JDBC_USER, TVIX_STORE_JDBC_PASSWORD; binary cache: TVIX_STORE_SIGNING_KEY_FILES,
      TVIX_STORE_CACHE_MAX_NAR_SIZE, TVIX_STORE_CACHE_MAX_NARINFO_SIZE, TVIX_STORE_CACHE_PRIORITY;
      access: TVIX_STORE_AUTH_PRIVATE (reads need a token), TVIX_STORE_AUTH_ANONYMOUS_WRITES
      (writes need none: local development only). The first start writes an admin token to
      <data-dir>/admin-token.""";

  /** Starts the server once the checks passed; a seam for tests. */
  interface Server {
    void start(LaunchSettings settings) throws LaunchException;
  }

  private final Map<String, String> sysProps;
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final Server server;

  Launcher(
      Map<String, String> sysProps,
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      Server server) {
    this.sysProps = sysProps;
    this.env = env;
    this.out = out;
    this.err = err;
    this.server = server;
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("admin")) {
      // A client of a running server: no configuration, no Payara.
      System.exit(
          new AdminCli(System.out, System.err).run(List.of(args).subList(1, args.length)));
    }
    Map<String, String> props = new HashMap<>();
    System.getProperties().forEach((k, v) -> props.put(k.toString(), v.toString()));
    Launcher launcher =
        new Launcher(
            props,
            System.getenv(),
            System.out,
            System.err,
            s -> PayaraBoot.boot(s, warBesideJar(), System.out));
    int code = launcher.run(List.of(args)).code();
    // On success Payara's threads keep the JVM alive; SIGTERM runs its shutdown hook.
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs one command and says how it ended. */
  ExitCode run(List<String> args) {
    String command = args.isEmpty() ? "serve" : args.getFirst();
    if (args.size() > 1) {
      return usageError(
          "unexpected arguments after " + command + ": " + args.subList(1, args.size()));
    }
    return switch (command) {
      case "serve" -> serve();
      case "help", "--help", "-h" -> {
        out.println(USAGE);
        yield ExitCode.OK;
      }
      default -> usageError("unknown command: " + command);
    };
  }

  private ExitCode serve() {
    try {
      LaunchSettings settings = LaunchSettings.resolve(sysProps, env);
      PreFlight.check(settings);
      server.start(settings);
      return ExitCode.OK;
    } catch (LaunchException e) {
      err.println("tvix-store: " + e.getMessage());
      return e.exitCode();
    }
  }

  private ExitCode usageError(String problem) {
    err.println("tvix-store: " + problem);
    err.println(USAGE);
    return ExitCode.USAGE;
  }

  private static Path warBesideJar() throws LaunchException {
    try {
      Path jar =
          Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return jar.resolveSibling("tvix-store.war");
    } catch (URISyntaxException | SecurityException e) {
      throw new LaunchException(ExitCode.DEPLOYMENT_FAILED, "cannot locate tvix-store.jar: " + e);
    }
  }
}
