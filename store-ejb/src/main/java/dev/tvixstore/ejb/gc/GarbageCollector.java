package dev.tvixstore.ejb.gc;

import dev.tvixstore.ejb.blob.ChunkFileStore;
import dev.tvixstore.ejb.blob.JpaBlobCatalog;
import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.ejb.persistence.WriteBarrier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs garbage collection over one store (package protocol), one run at a time, each recorded in
 * {@code gc_run}. {@link #prepare} records a run and fixes its cutoffs; {@link #execute} does it.
 * Thread-safe.
 */
public final class GarbageCollector {
  private static final Logger LOG = Logger.getLogger(GarbageCollector.class.getName());

  private final Sql sql;
  private final GcRuns runs;
  private final ChunkFileStore store;
  private final Duration grace;
  private final Clock clock;
  private final GcHooks hooks;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean staleChecked;

  /** A run fixed by {@link #prepare}, to pass to {@link #execute}. */
  public record Prepared(long id, boolean dryRun, Instant rowCutoff, Instant fileCutoff) {}

  /**
   * A collector over {@code store}'s chunk files and the database behind {@code transactions}.
   *
   * @param grace data younger than this is never swept
   */
  public GarbageCollector(
      Transactions transactions, ChunkFileStore store, Duration grace, Clock clock,
      GcHooks hooks) {
    this.sql = new Sql(Objects.requireNonNull(transactions, "transactions"));
    this.runs = new GcRuns(sql);
    this.store = Objects.requireNonNull(store, "store");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("GC grace period cannot be negative: " + grace);
    }
    this.grace = grace;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.hooks = Objects.requireNonNull(hooks, "hooks");
  }

  /**
   * Records a new run and fixes its cutoffs; the caller must then {@link #execute} it (on any
   * thread).
   *
   * @throws GcBusyException if a run is going
   */
  public Prepared prepare(boolean dryRun) {
    if (!running.compareAndSet(false, true)) {
      throw new GcBusyException("a garbage collection is running already");
    }
    try {
      if (!staleChecked) {
        // First run of this JVM: a RUNNING row is a run whose JVM died.
        runs.interruptStale(clock.instant());
        staleChecked = true;
      }
      Instant[] cutoffs = WriteBarrier.quiesce(this::cutoffs);
      long id = runs.start(dryRun, cutoffs[0], cutoffs[1]);
      return new Prepared(id, dryRun, cutoffs[1], cutoffs[2]);
    } catch (RuntimeException e) {
      running.set(false);
      throw e;
    }
  }

  /**
   * Runs a prepared run to its end (success or failure, both recorded) and returns it; call
   * exactly once per {@link #prepare}, on any thread.
   */
  public GcRun execute(Prepared run) {
    Progress p = new Progress(run.id());
    try {
      Marker marker = new Marker(sql, p::report);
      Sweeper sweeper = new Sweeper(sql, p::report, hooks);
      OrphanFiles orphans = new OrphanFiles(sql, new ChunkTrash(hooks), p::report);
      phase(p, GcPhase.BACKFILL);
      marker.backfill();
      phase(p, GcPhase.MARK);
      marker.mark(run.rowCutoff());
      if (run.dryRun()) {
        phase(p, GcPhase.COUNT);
        p.freed = sweeper.count(run.rowCutoff());
        GcFreed files = orphans.sweep(store.chunksDir(), run.fileCutoff(), true);
        p.freed = p.freed.withOrphans(files.orphanFiles(), files.orphanBytes());
      } else {
        phase(p, GcPhase.SWEEP_DIRECTORIES);
        p.freed = p.freed.withDirectories(sweeper.directories(run.rowCutoff()));
        phase(p, GcPhase.SWEEP_BLOBS);
        p.freed = p.freed.withBlobs(sweeper.blobs(run.rowCutoff()));
        phase(p, GcPhase.SWEEP_CHUNKS);
        GcFreed chunks =
            sweeper.chunks(run.rowCutoff(), store, new ChunkTrash(hooks), run.fileCutoff());
        p.freed = p.freed.withChunks(chunks.chunks(), chunks.chunkBytes());
        phase(p, GcPhase.SWEEP_UPLOADS);
        p.freed = p.freed.withUploads(sweeper.uploads(run.rowCutoff()));
        phase(p, GcPhase.SWEEP_FILES);
        GcFreed files = orphans.sweep(store.chunksDir(), run.fileCutoff(), false);
        p.freed = p.freed.withOrphans(files.orphanFiles(), files.orphanBytes());
        store.sweepTempFiles(run.fileCutoff());
      }
      phase(p, GcPhase.DONE);
      runs.finish(run.id(), GcState.SUCCEEDED, p.freed, null, clock.instant());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "tvix-store: GC run " + run.id() + " failed in " + p.phase, e);
      runs.finish(run.id(), GcState.FAILED, p.freed, p.phase + ": " + e, clock.instant());
    } finally {
      running.set(false);
    }
    return runs.get(run.id()).orElseThrow();
  }

  /** Start, row cutoff and file cutoff: read while no touching transaction is open. */
  private Instant[] cutoffs() {
    Instant now = clock.instant();
    Instant fileCutoff = now.minus(grace);
    Optional<Instant> writer = JpaBlobCatalog.oldestOpenWriter();
    if (writer.isPresent() && writer.get().isBefore(fileCutoff)) {
      fileCutoff = writer.get();
    }
    Instant rowCutoff = sql.databaseNow().minus(Duration.between(fileCutoff, now));
    return new Instant[] {now, rowCutoff, fileCutoff};
  }

  /** Records a prepared run as failed without running it, and frees the collector. */
  public void abandon(Prepared run, String reason) {
    try {
      runs.finish(run.id(), GcState.FAILED, GcFreed.NONE, reason, clock.instant());
    } finally {
      running.set(false);
    }
  }

  /** {@link #prepare} and {@link #execute} on this thread. */
  public GcRun run(boolean dryRun) {
    return execute(prepare(dryRun));
  }

  /** Whether a run is going. */
  public boolean isRunning() {
    return running.get();
  }

  /** A recorded run. */
  public Optional<GcRun> get(long id) {
    return runs.get(id);
  }

  /** The newest {@code limit} runs, newest first. */
  public List<GcRun> latest(int limit) {
    return runs.latest(limit);
  }

  private void phase(Progress p, GcPhase phase) {
    p.phase = phase;
    hooks.at(GcHooks.before(phase));
    p.report(phase, 0, 0);
  }

  /** Writes progress to the run's row, at most every 200 ms (and at each phase change). */
  private final class Progress {
    private final long id;
    private GcPhase phase = GcPhase.STARTING;
    private GcFreed freed = GcFreed.NONE;
    private GcPhase written;
    private long writtenAt;

    Progress(long id) {
      this.id = id;
    }

    void report(GcPhase at, long done, long total) {
      long now = System.nanoTime();
      if (at != written || now - writtenAt > 200_000_000L) {
        runs.progress(id, at, done, total, freed);
        written = at;
        writtenAt = now;
      }
    }
  }
}
