package dev.tvixstore.web.admin.tokens;

import java.util.Objects;

/** What creating a token did. */
public sealed interface TokenCreation {

  /**
   * A token was created. The secret lives only in this value and the dialog that shows it once.
   */
  record Created(TokenRow token, String secret) implements TokenCreation {
    public Created {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
      return "Created[token=" + token + ", secret=<hidden>]";
    }
  }

  /**
   * None was created.
   *
   * @param reason what to tell the user, with the cause
   */
  record Refused(String reason) implements TokenCreation {
    public Refused {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("a refusal needs a reason");
      }
    }
  }
}
