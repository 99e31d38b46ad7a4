package dev.tvixstore.web.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code admin delete STORE_PATH [--with-referrers]}. */
final class DeleteCommand implements AdminCommand {
  @Override
  public String usage() {
    return "delete STORE_PATH [--with-referrers]";
  }

  @Override
  public int run(List<String> args, AdminClient client, PrintStream out) throws CliException {
    List<String> rest = new ArrayList<>(args);
    boolean withReferrers = rest.remove("--with-referrers");
    String basename = AdminCommand.basename(rest, usage());
    AdminClient.Reply r =
        client.delete("paths/" + basename + (withReferrers ? "?withReferrers=true" : ""));
    if (r.status() == 409 && r.body().get("paths") instanceof List<?> paths) {
      for (Object p : paths) {
        out.println("  " + p);
      }
    }
    for (Object d : (List<?>) AdminCommand.ok(r).body().get("deleted")) {
      out.println("deleted /nix/store/" + d);
    }
    out.println("the space comes back at the next GC");
    return 0;
  }
}
