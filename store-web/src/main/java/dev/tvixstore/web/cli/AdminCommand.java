package dev.tvixstore.web.cli;

import java.io.PrintStream;
import java.util.List;

/** One {@code admin} subcommand. Registered by name in {@link AdminCli#COMMANDS}. */
interface AdminCommand {

  /** The usage line, e.g. {@code gc [--dry-run]}. */
  String usage();

  /**
   * Runs with the arguments after the command's name; prints progress and a summary to {@code
   * out}.
   *
   * @return the exit status (0 success)
   * @throws CliException with a one-line reason on failure
   */
  int run(List<String> args, AdminClient client, PrintStream out) throws CliException;

  /** The single STORE_PATH argument as a basename ({@code /nix/store/} stripped). */
  static String basename(List<String> args, String usage) throws CliException {
    if (args.size() != 1 || args.getFirst().startsWith("-")) {
      throw new CliException(CliException.USAGE, "usage: admin " + usage);
    }
    String p = args.getFirst();
    return p.substring(p.lastIndexOf('/') + 1);
  }

  /** Fails unless the reply is 2xx. */
  static AdminClient.Reply ok(AdminClient.Reply reply) throws CliException {
    if (reply.status() / 100 != 2) {
      throw new CliException(CliException.FAILED, reply.error());
    }
    return reply;
  }
}
