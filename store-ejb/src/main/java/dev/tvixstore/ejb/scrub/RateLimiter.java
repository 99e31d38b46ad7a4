package dev.tvixstore.ejb.scrub;

import java.util.concurrent.TimeUnit;

/**
 * Paces a single scrub thread to a number of bytes per second: each {@link #acquire} counts its
 * bytes and sleeps until the total is due at the rate, measured from the first call. So over any
 * run the bytes verified are at most the rate times the time taken, plus the last acquisition.
 * Time comes from a {@link Clock}, which tests replace. Not thread-safe.
 */
public final class RateLimiter {
  /** Where the limiter reads time and sleeps. */
  public interface Clock {
    /** A monotonic time in nanoseconds. */
    long nanoTime();

    /** Sleeps about {@code nanos} nanoseconds. */
    void sleepNanos(long nanos) throws InterruptedException;
  }

  /** The JVM's monotonic clock and {@code Thread.sleep}. */
  public static final Clock SYSTEM =
      new Clock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
          TimeUnit.NANOSECONDS.sleep(nanos);
        }
      };

  private final long bytesPerSecond;
  private final Clock clock;
  private long start;
  private boolean started;
  private long consumed;

  private RateLimiter(long bytesPerSecond, Clock clock) {
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("rate must not be negative: " + bytesPerSecond);
    }
    this.bytesPerSecond = bytesPerSecond;
    this.clock = clock;
  }

  /** A limiter to {@code bytesPerSecond} on {@code clock}; 0 never waits. */
  public static RateLimiter of(long bytesPerSecond, Clock clock) {
    return new RateLimiter(bytesPerSecond, clock);
  }

  /** A limiter to {@code bytesPerSecond} in real time; 0 never waits. */
  public static RateLimiter of(long bytesPerSecond) {
    return of(bytesPerSecond, SYSTEM);
  }

  /** The rate, 0 for unlimited. */
  public long bytesPerSecond() {
    return bytesPerSecond;
  }

  /** Counts {@code bytes} and waits until they are due at the rate. */
  public void acquire(long bytes) throws InterruptedException {
    if (bytesPerSecond == 0) {
      return;
    }
    if (!started) {
      start = clock.nanoTime();
      started = true;
    }
    consumed += bytes;
    // double: consumed * 1e9 overflows a long after ~9 GB; nanosecond rounding does not matter.
    long due = start + (long) Math.ceil(consumed * 1e9 / bytesPerSecond);
    long wait = due - clock.nanoTime();
    if (wait > 0) {
      clock.sleepNanos(wait);
    }
  }
}
