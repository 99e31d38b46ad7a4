package dev.tvixstore.ejb.stats;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a process-lifetime download total into per-sample counts: each {@link #take} returns the
 * growth since the previous one. Thread-safe.
 */
public final class DownloadTally {
  private final AtomicLong flushed = new AtomicLong();

  /** The growth of {@code total} since the last take, now counted as flushed. */
  public long take(long total) {
    long before = flushed.getAndSet(total);
    // A counter that went backwards was replaced (never in one process): count it from zero.
    return total >= before ? total - before : total;
  }

  /** The growth of {@code total} not yet taken. */
  public long pending(long total) {
    long before = flushed.get();
    return total >= before ? total - before : total;
  }
}
