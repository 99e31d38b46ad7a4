package dev.tvixstore.auth;

import dev.tvixstore.error.PermissionDeniedException;
import dev.tvixstore.error.UnauthenticatedException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a request may proceed, the same way for gRPC, HTTP and the console: reads are
 * open unless the store is private; writes need a {@code write} token unless anonymous writes are
 * allowed (a local development run); admin always needs an {@code admin} token.
 */
public final class AccessPolicy {

  /**
   * The configurable part.
   *
   * @param privateReads reads need a {@code read} token too ({@code tvix.store.auth.private})
   * @param anonymousWrites writes need no token ({@code tvix.store.auth.anonymous-writes})
   */
  public record Rules(boolean privateReads, boolean anonymousWrites) {
    /** The safe default: open reads, writes with a token. */
    public static final Rules DEFAULT = new Rules(false, false);
  }

  private final TokenService tokens;
  private final Rules rules;
  private final Clock clock;

  /** A policy that looks tokens up in {@code tokens} and takes expiry times from {@code clock}. */
  public AccessPolicy(TokenService tokens, Rules rules, Clock clock) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether a request needing {@code needed} must present a token at all. */
  public boolean needsToken(Scope needed) {
    return switch (needed) {
      case READ -> rules.privateReads();
      case WRITE -> !rules.anonymousWrites();
      case ADMIN -> true;
    };
  }

  /**
   * Lets a request that needs {@code needed} through, or throws. A token presented where none is
   * needed is not looked at.
   *
   * @param secret what the client presented ({@link Credentials#secret}), if anything
   * @return the token that let it through; empty when none was needed
   * @throws UnauthenticatedException no token where one is needed, or one that is unknown, revoked
   *     or expired
   * @throws PermissionDeniedException a valid token without a scope covering {@code needed}
   */
  public Optional<AccessToken> check(Scope needed, Optional<String> secret) {
    if (!needsToken(needed)) {
      return Optional.empty();
    }
    if (secret.isEmpty()) {
      throw new UnauthenticatedException(
          "this needs a token with scope " + needed.label() + " (Authorization: Bearer <token>)");
    }
    AccessToken token =
        tokens
            .findBySecret(secret.get())
            .orElseThrow(() -> new UnauthenticatedException("unknown token"));
    Instant now = clock.instant();
    if (token.isRevoked()) {
      throw new UnauthenticatedException(
          "token '" + token.name() + "' was revoked at " + token.revokedAt().orElseThrow());
    }
    if (token.isExpired(now)) {
      throw new UnauthenticatedException(
          "token '" + token.name() + "' expired at " + token.expiresAt().orElseThrow());
    }
    if (!token.grants(needed)) {
      throw new PermissionDeniedException(
          "token '"
              + token.name()
              + "' may "
              + token.scopes().stream().map(Scope::label).sorted().toList()
              + ", not "
              + needed.label());
    }
    tokens.recordUse(token.id(), now);
    return Optional.of(token);
  }
}
