package dev.tvixstore.ejb.scrub;

import java.time.Clock;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts scrubs in the background, one at a time. Thread-safe.
 */
public final class ScrubRunner {
  private static final Logger LOG = Logger.getLogger(ScrubRunner.class.getName());

  /**
   * What {@link #start} did.
   *
   * @param runId the run started, or the one already running
   * @param started false if a run was already running (and none was started)
   */
  public record Start(long runId, boolean started) {}

  private final Scrub scrub;
  private final Executor executor;
  private final ScrubSettings settings;
  private final RateLimiter.Clock rateClock;
  private final Clock clock;
  private Long running;
  private volatile boolean cancelled;

  /** A runner of {@code scrub} on {@code executor}, rate-limited on {@code rateClock}. */
  public ScrubRunner(Scrub scrub, Executor executor, ScrubSettings settings,
      RateLimiter.Clock rateClock, Clock clock) {
    this.scrub = Objects.requireNonNull(scrub, "scrub");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.rateClock = Objects.requireNonNull(rateClock, "rateClock");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Starts a scrub unless one is running.
   *
   * @param rateBytesPerSecond the rate for this run; empty takes the configured one
   * @throws RejectedExecutionException if the executor takes no task (the run is recorded failed)
   */
  public synchronized Start start(OptionalLong rateBytesPerSecond) {
    if (running != null) {
      return new Start(running, false);
    }
    long rate = rateBytesPerSecond.orElse(settings.rateBytesPerSecond());
    long run = scrub.log().create(rate, clock.instant());
    running = run;
    cancelled = false;
    try {
      executor.execute(() -> runToEnd(run, rate));
    } catch (RuntimeException e) {
      running = null;
      scrub.log().finish(run, ScrubRun.FAILED, new ScrubProgress(), "not started: " + e,
          clock.instant());
      throw e;
    }
    return new Start(run, true);
  }

  private void runToEnd(long run, long rate) {
    try {
      String state = scrub.run(run, RateLimiter.of(rate, rateClock), () -> cancelled);
      LOG.info(() -> "tvix-store: scrub run " + run + " ended " + state);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "tvix-store: scrub run " + run + " could not be recorded", e);
    } finally {
      synchronized (this) {
        running = null;
        notifyAll();
      }
    }
  }

  /** The run in progress, if any. */
  public synchronized OptionalLong running() {
    return running == null ? OptionalLong.empty() : OptionalLong.of(running);
  }

  /** Asks the running scrub to stop after its current batch. */
  public void cancel() {
    cancelled = true;
  }

  /**
   * Waits until no scrub runs, at most {@code millis}.
   *
   * @return whether none runs
   */
  public synchronized boolean awaitIdle(long millis) throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    while (running != null) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }
}
