package dev.tvixstore.web.admin.tokens;

import java.util.Objects;

/** What revoking a token did. */
public sealed interface TokenRevocation {

  /** The token is revoked: from now on every request with it is refused. */
  record Revoked(TokenRow token) implements TokenRevocation {
    public Revoked {
      Objects.requireNonNull(token, "token");
    }
  }

  /**
   * Nothing changed.
   *
   * @param reason what to tell the user, with the cause
   */
  record Refused(String reason) implements TokenRevocation {
    public Refused {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("a refusal needs a reason");
      }
    }
  }
}
