package dev.tvixstore.ejb.persistence;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Orders the transactions that touch rows against the start of a garbage collection, in this
 * JVM: a touching transaction runs inside {@link #write}, and GC fixes its cutoff inside {@link
 * #quiesce}, when no such transaction is open. So every touch either committed before the cutoff
 * was read (GC's mark sees it) or is stamped after it (GC keeps the row). Without this, a
 * transaction that touched a row before the cutoff and committed after the mark would lose it.
 * Fair: a waiting GC holds new writers back only for the moment it needs.
 */
public final class WriteBarrier {
  private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock(true);

  private WriteBarrier() {}

  /** Runs a touching transaction ({@code work} begins and commits it). */
  public static <T> T write(Supplier<T> work) {
    LOCK.readLock().lock();
    try {
      return work.get();
    } finally {
      LOCK.readLock().unlock();
    }
  }

  /** Runs {@code work} while no touching transaction is open. */
  public static <T> T quiesce(Supplier<T> work) {
    LOCK.writeLock().lock();
    try {
      return work.get();
    } finally {
      LOCK.writeLock().unlock();
    }
  }
}
