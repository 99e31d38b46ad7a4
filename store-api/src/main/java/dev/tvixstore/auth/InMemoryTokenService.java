package dev.tvixstore.auth;

import dev.tvixstore.error.InvalidRequestException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link TokenService} in memory: tests, and the reference the contract suite describes. */
public final class InMemoryTokenService implements TokenService {

  private final Clock clock;
  private final SecureRandom random;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, AccessToken> byId = new ConcurrentHashMap<>();
  private final Map<ByteBuffer, Long> idByHash = new ConcurrentHashMap<>();

  /** Times come from {@code clock}, secrets from {@code random}. */
  public InMemoryTokenService(Clock clock, SecureRandom random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public IssuedToken create(String name, Set<Scope> scopes, Optional<Instant> expiresAt) {
    Instant now = clock.instant();
    checkExpiry(expiresAt, now);
    TokenSecret secret = TokenSecret.generate(random);
    AccessToken token =
        new AccessToken(
            ids.incrementAndGet(),
            name,
            scopes,
            now,
            expiresAt,
            Optional.empty(),
            Optional.empty());
    byId.put(token.id(), token);
    idByHash.put(ByteBuffer.wrap(secret.hash()), token.id());
    return new IssuedToken(token, secret);
  }

  /**
   * Checks an expiry time for {@link TokenService#create}.
   *
   * @throws InvalidRequestException if it is not after {@code now}
   */
  public static void checkExpiry(Optional<Instant> expiresAt, Instant now) {
    if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
      throw new InvalidRequestException(
          "token expiry " + expiresAt.get() + " is not in the future (now " + now + ")");
    }
  }

  @Override
  public Optional<AccessToken> findBySecret(String presented) {
    Long id = idByHash.get(ByteBuffer.wrap(TokenSecret.hash(presented)));
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  @Override
  public void recordUse(long id, Instant at) {
    byId.computeIfPresent(id, (k, t) -> t.usedLaterThan(at) ? t : t.withLastUsedAt(at));
  }

  @Override
  public List<AccessToken> list() {
    return byId.values().stream().sorted(Comparator.comparingLong(AccessToken::id)).toList();
  }

  @Override
  public Optional<AccessToken> revoke(long id) {
    Instant now = clock.instant();
    return Optional.ofNullable(
        byId.computeIfPresent(id, (k, t) -> t.isRevoked() ? t : t.withRevokedAt(now)));
  }
}
