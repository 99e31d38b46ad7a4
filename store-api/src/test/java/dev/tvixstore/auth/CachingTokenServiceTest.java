package dev.tvixstore.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachingTokenServiceTest extends TokenServiceContract {

  private final AtomicLong nanos = new AtomicLong();

  @Override
  protected TokenService newService() {
    return new CachingTokenService(inMemory(), Duration.ofSeconds(1), nanos::get);
  }

  private static InMemoryTokenService inMemory() {
    return new InMemoryTokenService(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
  }

  /** Counts lookups, and can hold one until released. */
  private static final class Spy implements TokenService {
    final TokenService inner = inMemory();
    final AtomicInteger lookups = new AtomicInteger();
    volatile CountDownLatch looked;
    volatile CountDownLatch release;

    @Override
    public IssuedToken create(String name, Set<Scope> scopes, Optional<Instant> expiresAt) {
      return inner.create(name, scopes, expiresAt);
    }

    @Override
    public Optional<AccessToken> findBySecret(String presented) {
      lookups.incrementAndGet();
      Optional<AccessToken> found = inner.findBySecret(presented);
      if (release != null) {
        looked.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
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
      return inner.revoke(id);
    }
  }

  @Test
  void aFoundTokenIsLookedUpOncePerTimeToLive() {
    Spy spy = new Spy();
    TokenService cached = new CachingTokenService(spy, Duration.ofSeconds(1), nanos::get);
    String secret = cached.create("ci", Set.of(Scope.WRITE), Optional.empty()).secret().reveal();
    for (int i = 0; i < 5; i++) {
      cached.findBySecret(secret).orElseThrow();
    }
    assertEquals(1, spy.lookups.get());
    nanos.addAndGet(Duration.ofMillis(1001).toNanos());
    cached.findBySecret(secret).orElseThrow();
    assertEquals(2, spy.lookups.get());
  }

  @Test
  void unknownSecretsAreAskedEveryTime() {
    Spy spy = new Spy();
    TokenService cached = new CachingTokenService(spy, Duration.ofSeconds(1), nanos::get);
    cached.findBySecret("tvs_nope");
    cached.findBySecret("tvs_nope");
    assertEquals(2, spy.lookups.get());
  }

  @Test
  void aRevocationMadeElsewhereIsSeenWithinTheTimeToLive() {
    Spy spy = new Spy();
    TokenService cached = new CachingTokenService(spy, Duration.ofSeconds(1), nanos::get);
    IssuedToken issued = cached.create("ci", Set.of(Scope.WRITE), Optional.empty());
    String secret = issued.secret().reveal();
    cached.findBySecret(secret).orElseThrow();
    spy.inner.revoke(issued.token().id());
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertTrue(cached.findBySecret(secret).orElseThrow().isRevoked());
  }

  @Test
  void aLookupRacingARevocationDoesNotCacheTheTokenItReadBeforeIt() throws Exception {
    Spy spy = new Spy();
    TokenService cached = new CachingTokenService(spy, Duration.ofSeconds(1), nanos::get);
    IssuedToken issued = cached.create("ci", Set.of(Scope.WRITE), Optional.empty());
    String secret = issued.secret().reveal();
    spy.looked = new CountDownLatch(1);
    spy.release = new CountDownLatch(1);
    CompletableFuture<Optional<AccessToken>> racing =
        CompletableFuture.supplyAsync(() -> cached.findBySecret(secret));
    assertTrue(spy.looked.await(10, TimeUnit.SECONDS));
    cached.revoke(issued.token().id());
    spy.release.countDown();
    assertFalse(racing.get(10, TimeUnit.SECONDS).orElseThrow().isRevoked());
    spy.release = null;
    assertTrue(cached.findBySecret(secret).orElseThrow().isRevoked());
  }
}
