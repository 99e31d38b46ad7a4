package dev.tvixstore.web.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code admin pin STORE_PATH} and {@code admin unpin STORE_PATH}. */
final class PinCommand implements AdminCommand {
  private final boolean pin;

  PinCommand(boolean pin) {
    this.pin = pin;
  }

  @Override
  public String usage() {
    return (pin ? "pin" : "unpin") + " STORE_PATH";
  }

  @Override
  public int run(List<String> args, AdminClient client, PrintStream out) throws CliException {
    String path = "pins/" + AdminCommand.basename(args, usage());
    AdminClient.Reply r = AdminCommand.ok(pin ? client.post(path) : client.delete(path));
    boolean changed = Boolean.TRUE.equals(r.body().get("changed"));
    String name = (String) r.body().get(pin ? "pinned" : "unpinned");
    out.println((pin ? (changed ? "pinned " : "already pinned ")
        : (changed ? "unpinned " : "was not pinned ")) + "/nix/store/" + name);
    return 0;
  }
}
