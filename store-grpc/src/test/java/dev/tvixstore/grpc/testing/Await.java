package dev.tvixstore.grpc.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that no callback announces (a thread parking, a counter another thread
 * lowers after answering): spins, yielding, up to a deadline. Not a sleep: it returns as soon as
 * the condition holds.
 */
public final class Await {

  private Await() {}

  /** Returns once {@code condition} holds; fails with {@code what} after {@code timeout}. */
  public static void until(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.yield();
    }
  }
}
