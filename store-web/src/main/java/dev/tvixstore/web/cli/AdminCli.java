package dev.tvixstore.web.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code admin [--url URL] [--token-file F] COMMAND ...}: parses the global options, picks the
 * command from {@link #COMMANDS} and maps its outcome to an exit status, failures as one line on
 * stderr.
 */
public final class AdminCli {
  /** Default server: the local one on the default HTTP port (DESIGN §5). */
  static final String DEFAULT_URL = "http://127.0.0.1:8080";

  /** The subcommands besides {@link #SCRUB}; a new one is one line here. */
  static final Map<String, Supplier<AdminCommand>> COMMANDS = commands();

  private static Map<String, Supplier<AdminCommand>> commands() {
    Map<String, Supplier<AdminCommand>> m = new LinkedHashMap<>();
    m.put("gc", () -> new GcCommand(500));
    m.put("delete", DeleteCommand::new);
    m.put("pin", () -> new PinCommand(true));
    m.put("unpin", () -> new PinCommand(false));
    m.put("stats", StatsCommand::new);
    m.put("tokens", TokensCommand::new);
    return m;
  }

  /** The scrub command, run by {@link ScrubCommand} itself. */
  static final String SCRUB = "scrub";

  private final PrintStream out;
  private final PrintStream err;
  private final HttpClient http;

  public AdminCli(PrintStream out, PrintStream err) {
    this(out, err, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
  }

  AdminCli(PrintStream out, PrintStream err, HttpClient http) {
    this.out = out;
    this.err = err;
    this.http = http;
  }

  /** The usage text of the {@code admin} command. */
  public static String usage() {
    StringBuilder b = new StringBuilder(
        "usage: java -jar tvix-store.jar admin [--url URL] [--token-file FILE] COMMAND\n");
    COMMANDS.values().forEach(c -> b.append("  ").append(c.get().usage()).append('\n'));
    b.append("  ").append(SCRUB).append(" [--rate MiB/s]   (exit 3 when damage is found)\n");
    b.append("URL defaults to ").append(DEFAULT_URL)
        .append("; FILE holds an admin token (default: ./data/admin-token, which the server")
        .append(" writes at its first start, if it exists).");
    return b.toString();
  }

  /** Runs {@code admin} with the arguments after it; returns the exit status. */
  public int run(List<String> args) {
    try {
      String url = DEFAULT_URL;
      Optional<String> token = Optional.empty();
      int i = 0;
      for (; i < args.size() && args.get(i).startsWith("--"); i += 2) {
        String option = args.get(i);
        if (i + 1 >= args.size()) {
          throw new CliException(CliException.USAGE, option + " needs a value");
        }
        switch (option) {
          case "--url" -> url = args.get(i + 1);
          case "--token-file" -> token = Optional.of(readToken(Path.of(args.get(i + 1))));
          default -> throw new CliException(CliException.USAGE, "unknown option " + option);
        }
      }
      if (token.isEmpty()) {
        token = defaultToken();
      }
      if (i >= args.size()) {
        throw new CliException(CliException.USAGE, "no command given");
      }
      if (args.get(i).equals(SCRUB)) {
        // Its own client and exit codes (0 clean, 3 damage found): see ScrubCommand.
        return ScrubCommand.run(http, base(url), token, args.subList(i + 1, args.size()), out, err);
      }
      Supplier<AdminCommand> command = COMMANDS.get(args.get(i));
      if (command == null) {
        throw new CliException(CliException.USAGE, "unknown command " + args.get(i));
      }
      AdminClient client = new AdminClient(http, base(url), token);
      return command.get().run(args.subList(i + 1, args.size()), client, out);
    } catch (CliException e) {
      err.println("tvix-store admin: " + e.getMessage());
      if (e.status() == CliException.USAGE) {
        err.println(usage());
      }
      return e.status();
    }
  }

  private static URI base(String url) throws CliException {
    try {
      URI u = new URI(url.endsWith("/") ? url : url + "/");
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())
          || u.getHost() == null) {
        throw new CliException(CliException.USAGE, "--url must be http(s)://HOST[:PORT], got "
            + url);
      }
      return u;
    } catch (URISyntaxException e) {
      throw new CliException(CliException.USAGE, "bad --url " + url + ": " + e.getMessage());
    }
  }

  /**
   * The admin token the local server wrote at its first start, when this runs where it can be
   * read: {@code $TVIX_STORE_DATA_DIR/admin-token}, else {@code ./data/admin-token}.
   */
  private static Optional<String> defaultToken() throws CliException {
    String dataDir = System.getenv().getOrDefault("TVIX_STORE_DATA_DIR", "./data");
    Path file = Path.of(dataDir).resolve("admin-token");
    return Files.isReadable(file) ? Optional.of(readToken(file)) : Optional.empty();
  }

  private static String readToken(Path file) throws CliException {
    try {
      String t = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (t.isEmpty()) {
        throw new CliException(CliException.USAGE, "token file " + file + " is empty");
      }
      return t;
    } catch (IOException e) {
      throw new CliException(CliException.USAGE, "cannot read token file " + file + ": " + e);
    }
  }
}
