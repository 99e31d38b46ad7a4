package dev.tvixstore.ejb.scrub;

/** A {@link RateLimiter.Clock} whose time moves only when asked to sleep or {@link #advance}. */
final class FakeClock implements RateLimiter.Clock {
  long now = 1_000_000_000L;
  long slept;
  int sleeps;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void sleepNanos(long nanos) {
    now += nanos;
    slept += nanos;
    sleeps++;
  }

  /** Time spent working, not sleeping. */
  void advance(long nanos) {
    now += nanos;
  }
}
