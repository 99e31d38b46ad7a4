package dev.tvixstore.auth;

import dev.tvixstore.error.InvalidRequestException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the store knows of a token: never its secret, which is shown once at creation ({@link
 * IssuedToken}) and kept only as a hash.
 *
 * @param id the store's number for it, used to revoke it
 * @param name what its owner called it (1 to {@value #MAX_NAME_LENGTH} printable characters)
 * @param scopes at least one
 * @param lastUsedAt when it last let a request through, as far as recorded (recording may lag a
 *     few seconds: it is batched)
 */
public record AccessToken(
    long id,
    String name,
    Set<Scope> scopes,
    Instant createdAt,
    Optional<Instant> expiresAt,
    Optional<Instant> lastUsedAt,
    Optional<Instant> revokedAt) {

  /** The longest name a token may have. */
  public static final int MAX_NAME_LENGTH = 100;

  /** Validates; {@code scopes} is copied. */
  public AccessToken {
    checkName(name);
    scopes = checkScopes(scopes);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
  }

  /** This token, last used at {@code at}. */
  public AccessToken withLastUsedAt(Instant at) {
    return new AccessToken(id, name, scopes, createdAt, expiresAt, Optional.of(at), revokedAt);
  }

  /** Whether its recorded last use is at or after {@code at}. */
  public boolean usedLaterThan(Instant at) {
    return lastUsedAt.filter(last -> !last.isBefore(at)).isPresent();
  }

  /** This token, revoked at {@code at}. */
  public AccessToken withRevokedAt(Instant at) {
    return new AccessToken(id, name, scopes, createdAt, expiresAt, lastUsedAt, Optional.of(at));
  }

  /** Whether it covers {@code needed} (see {@link Scope#covers}), whatever its state. */
  public boolean grants(Scope needed) {
    return scopes.stream().anyMatch(s -> s.covers(needed));
  }

  /** Whether it has been revoked. */
  public boolean isRevoked() {
    return revokedAt.isPresent();
  }

  /** Whether its expiry time has come by {@code now}. */
  public boolean isExpired(Instant now) {
    return expiresAt.map(e -> !now.isBefore(e)).orElse(false);
  }

  /** Neither revoked nor expired at {@code now}. */
  public boolean isActive(Instant now) {
    return !isRevoked() && !isExpired(now);
  }

  /**
   * Checks a token name as given by a user.
   *
   * @throws InvalidRequestException if blank, too long or holding control characters
   */
  public static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new InvalidRequestException("a token needs a name");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InvalidRequestException(
          "token name of " + name.length() + " characters exceeds " + MAX_NAME_LENGTH);
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRequestException("token name holds a control character");
    }
    return name;
  }

  /**
   * Checks and copies a set of scopes.
   *
   * @throws InvalidRequestException if empty
   */
  public static Set<Scope> checkScopes(Set<Scope> scopes) {
    Objects.requireNonNull(scopes, "scopes");
    if (scopes.isEmpty()) {
      throw new InvalidRequestException("a token needs at least one scope: read, write or admin");
    }
    return Set.copyOf(EnumSet.copyOf(scopes));
  }
}
