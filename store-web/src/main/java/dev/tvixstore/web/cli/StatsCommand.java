package dev.tvixstore.web.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code admin stats}: what the store holds. */
final class StatsCommand implements AdminCommand {
  @Override
  public String usage() {
    return "stats";
  }

  @Override
  public int run(List<String> args, AdminClient client, PrintStream out) throws CliException {
    if (!args.isEmpty()) {
      throw new CliException(CliException.USAGE, "usage: admin " + usage());
    }
    AdminCommand.ok(client.get("stats")).body().forEach((k, v) -> out.println(k + ": " + v));
    return 0;
  }
}
