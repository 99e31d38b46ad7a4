package dev.tvixstore.auth;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Keeps found tokens for a short time, so that a busy client's every call is not a database
 * lookup. A revocation through this wrapper empties the cache at once; one made elsewhere (another
 * server on the same database) is seen after at most the time to live, which is why that should be
 * a second or less (issue 9: revocation effective within one second). Unknown secrets are not
 * cached: a client guessing secrets cannot crowd out real tokens.
 */
public final class CachingTokenService implements TokenService {

  /** Cached secrets beyond which the cache starts afresh: a bound, not a working size. */
  static final int MAX_ENTRIES = 10_000;

  private record Entry(AccessToken token, long expiresAtNanos) {}

  private final TokenService inner;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final Map<ByteBuffer, Entry> bySecretHash = new ConcurrentHashMap<>();
  // Counts revocations: a lookup caches its result only if none happened while it ran, since it
  // may have read the token just before a revocation committed.
  private final AtomicLong revocations = new AtomicLong();

  /** Caches {@code inner}'s lookups for {@code ttl}, timed by {@code nanoTime}. */
  public CachingTokenService(TokenService inner, Duration ttl, LongSupplier nanoTime) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    if (ttlNanos <= 0) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
  }

  @Override
  public IssuedToken create(String name, Set<Scope> scopes, Optional<Instant> expiresAt) {
    return inner.create(name, scopes, expiresAt);
  }

  @Override
  public Optional<AccessToken> findBySecret(String presented) {
    ByteBuffer key = ByteBuffer.wrap(TokenSecret.hash(presented));
    long now = nanoTime.getAsLong();
    Entry cached = bySecretHash.get(key);
    if (cached != null && now - cached.expiresAtNanos() < 0) {
      return Optional.of(cached.token());
    }
    long revocationsBefore = revocations.get();
    Optional<AccessToken> found = inner.findBySecret(presented);
    if (found.isPresent() && revocations.get() == revocationsBefore) {
      if (bySecretHash.size() >= MAX_ENTRIES) {
        bySecretHash.clear();
      }
      bySecretHash.put(key, new Entry(found.get(), now + ttlNanos));
    }
    return found;
  }

  @Override
  public void recordUse(long id, Instant at) {
    inner.recordUse(id, at);
  }

  @Override
  public List<AccessToken> list() {
    return inner.list();
  }

  @Override
  public Optional<AccessToken> revoke(long id) {
    try {
      return inner.revoke(id);
    } finally {
      // Counted before clearing: a lookup that cached its token before the count is cleared
      // here, one that checks after it does not cache.
      revocations.incrementAndGet();
      bySecretHash.clear();
    }
  }
}
