package dev.tvixstore.web.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code admin tokens list | create NAME --scope read|write|admin [--scope ...] [--expires-in
 * P30D] | revoke ID}: token management (issue 9). {@code create} prints the secret, the only time
 * anyone sees it.
 */
final class TokensCommand implements AdminCommand {
  private static final String USAGE =
      "tokens list | create NAME --scope read|write|admin [--expires-in P30D] | revoke ID";

  @Override
  public String usage() {
    return USAGE;
  }

  @Override
  public int run(List<String> args, AdminClient client, PrintStream out) throws CliException {
    if (args.isEmpty()) {
      throw usageError();
    }
    List<String> rest = args.subList(1, args.size());
    switch (args.getFirst()) {
      case "list" -> list(rest, client, out);
      case "create" -> create(rest, client, out);
      case "revoke" -> revoke(rest, client, out);
      default -> throw usageError();
    }
    return 0;
  }

  private static void list(List<String> args, AdminClient client, PrintStream out)
      throws CliException {
    if (!args.isEmpty()) {
      throw usageError();
    }
    Object tokens = AdminCommand.ok(client.get("tokens")).body().get("tokens");
    if (tokens instanceof List<?> all) {
      for (Object o : all) {
        if (o instanceof Map<?, ?> t) {
          out.println(line(t));
        }
      }
    }
  }

  private static void create(List<String> args, AdminClient client, PrintStream out)
      throws CliException {
    if (args.isEmpty() || args.getFirst().startsWith("-")) {
      throw usageError();
    }
    String name = args.getFirst();
    List<String> scopes = new ArrayList<>();
    String expiresIn = null;
    for (int i = 1; i < args.size(); i += 2) {
      if (i + 1 >= args.size()) {
        throw usageError();
      }
      switch (args.get(i)) {
        case "--scope" -> scopes.add(args.get(i + 1));
        case "--expires-in" -> expiresIn = args.get(i + 1);
        default -> throw usageError();
      }
    }
    StringBuilder json =
        new StringBuilder("{\"name\":").append(Json.quote(name)).append(",\"scopes\":[");
    for (int i = 0; i < scopes.size(); i++) {
      json.append(i > 0 ? "," : "").append(Json.quote(scopes.get(i)));
    }
    json.append(']');
    if (expiresIn != null) {
      json.append(",\"expiresIn\":").append(Json.quote(expiresIn));
    }
    json.append('}');
    Map<String, Object> created = AdminCommand.ok(client.post("tokens", json.toString())).body();
    if (created.get("token") instanceof Map<?, ?> t) {
      out.println("created " + line(t));
    }
    out.println("secret (shown once): " + created.get("secret"));
  }

  private static void revoke(List<String> args, AdminClient client, PrintStream out)
      throws CliException {
    if (args.size() != 1 || !args.getFirst().matches("[0-9]{1,18}")) {
      throw usageError();
    }
    Map<String, Object> revoked =
        AdminCommand.ok(client.delete("tokens/" + args.getFirst())).body();
    if (revoked.get("token") instanceof Map<?, ?> t) {
      out.println("revoked " + line(t));
    }
  }

  private static String line(Map<?, ?> t) {
    Object id = t.get("id");
    String shownId = id instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(id);
    return shownId
        + "  "
        + t.get("name")
        + "  "
        + t.get("scopes")
        + (Boolean.TRUE.equals(t.get("active")) ? "  active" : "  inactive")
        + (t.get("expiresAt") != null ? "  expires " + t.get("expiresAt") : "")
        + (t.get("revokedAt") != null ? "  revoked " + t.get("revokedAt") : "")
        + (t.get("lastUsedAt") != null ? "  last used " + t.get("lastUsedAt") : "");
  }

  private static CliException usageError() {
    return new CliException(CliException.USAGE, "usage: admin " + USAGE);
  }
}
