package dev.tvixstore.ejb.stats;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a process-lifetime download total into per-sample counts: {@link #pending} is the growth
 * since the total last {@link #flushed}, which a sample calls once it is recorded, so that a
 * sample that fails to be written leaves its downloads to the next one. Thread-safe.
 */
public final class DownloadTally {
  private final AtomicLong flushed = new AtomicLong();

  /** The growth of {@code total} not yet flushed. */
  public long pending(long total) {
    long before = flushed.get();
    // A counter that went backwards was replaced (never in one process): count it from zero.
    return total >= before ? total - before : total;
  }

  /** Counts everything up to {@code total} as recorded. */
  public void flushed(long total) {
    flushed.set(total);
  }
}
