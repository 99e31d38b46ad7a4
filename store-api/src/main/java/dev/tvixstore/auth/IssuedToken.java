package dev.tvixstore.auth;

import java.util.Objects;

/**
 * A token just created, with its secret: the only time the store has the secret in clear. Shown to
 * the user once, then forgotten.
 */
public record IssuedToken(AccessToken token, TokenSecret secret) {

  /** Checks for nulls. */
  public IssuedToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(secret, "secret");
  }
}
