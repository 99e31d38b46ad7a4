package dev.tvixstore.web.metrics;

import dev.tvixstore.ejb.gc.GcRun;
import dev.tvixstore.ejb.gc.GcService;
import dev.tvixstore.ejb.gc.GcState;
import dev.tvixstore.ejb.scrub.ScrubRun;
import dev.tvixstore.ejb.scrub.ScrubService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Gauges of garbage collection and scrub, read from their run records (so they survive restarts
 * and count runs started from the CLI, the console or the API alike): whether one is running, and
 * the last finished run's time, outcome and findings. Read at most every {@link #MAX_AGE}.
 */
@ApplicationScoped
public class MaintenanceMetrics {
  private static final Logger LOG = Logger.getLogger(MaintenanceMetrics.class.getName());

  /** How old the gauges may be. */
  static final Duration MAX_AGE = Duration.ofSeconds(5);

  /** Runs looked at to find the last finished one (of GC: the last real, not dry, one). */
  private static final int RUNS_LOOKED_AT = 20;

  @Inject private GcService gc;
  @Inject private ScrubService scrub;

  /** What the gauges show: the newest runs' records, as of one read. */
  private record Runs(boolean gcRunning, Optional<GcRun> lastGc, boolean scrubRunning,
      Optional<ScrubRun> lastScrub) {
    static final Runs NONE = new Runs(false, Optional.empty(), false, Optional.empty());
  }

  private Runs runs; // null until first read
  private long readAt;

  /** Registers the gauges in {@code registry}; idempotent. */
  void register(MetricRegistry registry) {
    gauge(registry, "tvix_gc_running", r -> r.gcRunning() ? 1 : 0);
    gauge(registry, "tvix_gc_last_run_timestamp_seconds",
        r -> r.lastGc().map(g -> seconds(g.finishedAt())).orElse(0.0));
    gauge(registry, "tvix_gc_last_run_succeeded",
        r -> r.lastGc().map(g -> g.state() == GcState.SUCCEEDED ? 1.0 : 0.0).orElse(0.0));
    gauge(registry, "tvix_gc_last_run_freed_bytes",
        r -> r.lastGc().map(g -> (double) g.freed().bytes()).orElse(0.0));
    gauge(registry, "tvix_gc_last_run_freed_chunks",
        r -> r.lastGc().map(g -> (double) g.freed().chunks()).orElse(0.0));
    gauge(registry, "tvix_scrub_running", r -> r.scrubRunning() ? 1 : 0);
    gauge(registry, "tvix_scrub_last_run_timestamp_seconds",
        r -> r.lastScrub().map(s -> seconds(s.finishedAt())).orElse(0.0));
    gauge(registry, "tvix_scrub_last_run_damaged_chunks",
        r -> r.lastScrub().map(s -> (double) s.damageCount()).orElse(0.0));
    gauge(registry, "tvix_scrub_last_run_unchecked",
        r -> r.lastScrub().map(s -> (double) s.errorCount()).orElse(0.0));
    gauge(registry, "tvix_scrub_last_run_checked_bytes",
        r -> r.lastScrub().map(s -> (double) s.chunkBytes()).orElse(0.0));
  }

  private void gauge(MetricRegistry registry, String name, ToDoubleFunction<Runs> field) {
    registry.gauge(name, this, m -> field.applyAsDouble(m.runs()));
  }

  private static double seconds(Instant t) {
    return t.toEpochMilli() / 1000.0;
  }

  private synchronized Runs runs() {
    long now = System.nanoTime();
    if (runs == null || now - readAt > MAX_AGE.toNanos()) {
      try {
        runs = readRuns();
        readAt = now;
      } catch (RuntimeException e) {
        // A scrape must not fail because the database is down; readiness says that.
        LOG.log(Level.FINE, "tvix-store: GC and scrub runs unavailable for metrics", e);
      }
    }
    return runs == null ? Runs.NONE : runs;
  }

  private Runs readRuns() {
    List<GcRun> gcRuns = gc.runs(RUNS_LOOKED_AT);
    boolean gcRunning = gc.isRunning(); // a RUNNING record may be a dead JVM's
    Optional<GcRun> lastGc =
        gcRuns.stream().filter(r -> !r.dryRun() && r.finished().isPresent()).findFirst();
    boolean scrubRunning = scrub.isRunning(); // likewise
    Optional<ScrubRun> lastScrub =
        scrub.runs(RUNS_LOOKED_AT).stream().filter(s -> s.finishedAt() != null).findFirst();
    return new Runs(gcRunning, lastGc, scrubRunning, lastScrub);
  }
}
