package dev.tvixstore.web.admin.tokens;

import java.util.Objects;

/**
 * One token as the list shows it; never its secret.
 *
 * @param scopes e.g. {@code read, write}
 * @param lastUsed when it last let a request through, as far as recorded, or {@code never}
 * @param expires when it stops working, or {@code never}
 * @param status {@code active}, {@code expired} or {@code revoked <time>}
 * @param revocable whether revoking it still changes anything
 */
public record TokenRow(
    long id,
    String name,
    String scopes,
    String created,
    String lastUsed,
    String expires,
    String status,
    boolean revocable) {

  public TokenRow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scopes, "scopes");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastUsed, "lastUsed");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(status, "status");
  }
}
