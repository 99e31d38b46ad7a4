package dev.tvixstore.ejb.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final long MIB = 1 << 20;

  @Test
  void unlimitedNeverSleeps() throws InterruptedException {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = RateLimiter.of(0, clock);
    for (int i = 0; i < 1000; i++) {
      limiter.acquire(16 * MIB);
    }
    assertEquals(0, clock.sleeps);
  }

  @Test
  void neverGetsAheadOfTheRateByMoreThanOneAcquisition() throws InterruptedException {
    long seed = 20261125;
    Random random = new Random(seed);
    FakeClock clock = new FakeClock();
    long rate = 3 * MIB;
    RateLimiter limiter = RateLimiter.of(rate, clock);
    long start = clock.now;
    long total = 0;
    for (int i = 0; i < 2000; i++) {
      long bytes = 1 + random.nextInt(512 * 1024);
      long before = clock.now;
      limiter.acquire(bytes);
      total += bytes;
      // After an acquisition returns, everything so far is due: bytes <= rate * elapsed.
      double elapsed = (clock.now - start) / 1e9;
      assertTrue(total <= rate * elapsed + 1, "seed " + seed + ": " + total + " bytes in "
          + elapsed + " s");
      assertTrue(clock.now >= before);
      clock.advance(random.nextInt(50_000)); // some work between chunks
    }
    // And it does not sleep more than needed: done within one nanosecond per call of the due time.
    long due = start + (long) Math.ceil(total * 1e9 / rate);
    assertTrue(clock.now - due < 50_000 + 2000, "seed " + seed);
  }

  @Test
  void workSlowerThanTheRateIsNotSlowedDown() throws InterruptedException {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = RateLimiter.of(MIB, clock);
    limiter.acquire(MIB); // the first megabyte is due a second after the start
    clock.advance(5_000_000_000L);
    limiter.acquire(MIB);
    limiter.acquire(MIB);
    assertEquals(1, clock.sleeps);
  }

  @Test
  void rejectsANegativeRate() {
    assertThrows(IllegalArgumentException.class, () -> RateLimiter.of(-1));
  }
}
