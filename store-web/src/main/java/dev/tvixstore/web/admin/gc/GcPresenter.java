package dev.tvixstore.web.admin.gc;

import dev.tvixstore.ejb.gc.GcBusyException;
import dev.tvixstore.ejb.gc.GcFreed;
import dev.tvixstore.ejb.gc.GcPhase;
import dev.tvixstore.ejb.gc.GcRun;
import dev.tvixstore.ejb.gc.GcService;
import dev.tvixstore.ejb.gc.GcState;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.web.admin.Figures;
import jakarta.enterprise.inject.spi.CDI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides what the GC page does and shows. Starting a run returns at once (the service runs it
 * on its executor); the page then polls {@link #progress} until the run has finished. Never
 * throws on a failed read or start: the failure comes back as text for a notification.
 */
public final class GcPresenter {

  /** As many runs as the admin API lists. */
  static final int HISTORY = 50;

  private static final Logger LOG = Logger.getLogger(GcPresenter.class.getName());

  private static final List<GcPhase> DRY =
      List.of(GcPhase.STARTING, GcPhase.BACKFILL, GcPhase.MARK, GcPhase.COUNT, GcPhase.DONE);
  private static final List<GcPhase> FULL =
      List.of(
          GcPhase.STARTING,
          GcPhase.BACKFILL,
          GcPhase.MARK,
          GcPhase.SWEEP_DIRECTORIES,
          GcPhase.SWEEP_BLOBS,
          GcPhase.SWEEP_CHUNKS,
          GcPhase.SWEEP_UPLOADS,
          GcPhase.SWEEP_FILES,
          GcPhase.DONE);

  private final GcOperations gc;

  public GcPresenter(GcOperations gc) {
    this.gc = Objects.requireNonNull(gc, "gc");
  }

  /** The presenter wired to the deployed {@link GcService} (vaadin-cdi is not available). */
  public static GcPresenter fromContainer() {
    return new GcPresenter(GcOperations.of(CDI.current().select(GcService.class).get()));
  }

  /** Starts a dry run or a collection in the background. */
  public GcStart start(boolean dryRun) {
    try {
      return new GcStart.Started(gc.start(dryRun));
    } catch (GcBusyException e) {
      OptionalLong running = runningRun();
      String which = running.isPresent() ? " (run " + running.getAsLong() + ")" : "";
      return new GcStart.Refused(
          "A garbage collection is already running" + which
              + ": only one runs at a time. Wait for it to end, then start again.");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot start a GC run", e);
      return new GcStart.Refused("The garbage collection did not start: " + reason(e));
    }
  }

  /** Run {@code id} as it stands now; a run that cannot be read shows as finished with why. */
  public GcProgress progress(long id) {
    GcRun run;
    try {
      run = gc.run(id);
    } catch (NotFoundException e) {
      return unreadable(id, "there is no GC run " + id);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot read GC run " + id, e);
      return unreadable(id, "cannot read GC run " + id + ": " + reason(e));
    }
    boolean finished = run.state() != GcState.RUNNING;
    String step =
        finished
            ? status(run)
            : phaseLabel(run.phase())
                + (run.total() > 0 ? ": " + run.done() + " of " + run.total() : "");
    return new GcProgress(
        run.id(),
        (run.dryRun() ? "Dry run " : "Collection ") + run.id(),
        step,
        fraction(run),
        finished,
        summary(run),
        figures(run),
        run.failure());
  }

  /** The latest runs, newest first, and the one going now. */
  public GcHistory history() {
    List<GcRun> runs;
    try {
      runs = gc.runs(HISTORY);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot read GC runs", e);
      return new GcHistory(
          List.of(), OptionalLong.empty(), Optional.of("cannot read GC runs: " + reason(e)));
    }
    List<GcRunRow> rows = new ArrayList<>(runs.size());
    OptionalLong running = OptionalLong.empty();
    for (GcRun r : runs) {
      if (r.state() == GcState.RUNNING && running.isEmpty()) {
        running = OptionalLong.of(r.id());
      }
      GcFreed f = r.freed();
      rows.add(
          new GcRunRow(
              r.id(),
              r.dryRun() ? "dry run" : "collection",
              Figures.time(r.startedAt()),
              Figures.time(r.finished(), "running"),
              status(r),
              counts(f),
              Figures.bytes(f.bytes()),
              r.failure().orElse("")));
    }
    return new GcHistory(rows, running, Optional.empty());
  }

  private OptionalLong runningRun() {
    try {
      return gc.runs(1).stream()
          .filter(r -> r.state() == GcState.RUNNING)
          .mapToLong(GcRun::id)
          .findFirst();
    } catch (RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  private static GcProgress unreadable(long id, String why) {
    return new GcProgress(
        id, "Run " + id, "unknown", 0, true, "", List.of(), Optional.of(why));
  }

  /** Phases done plus the part of the current one, over the phases this kind of run has. */
  static double fraction(GcRun run) {
    if (run.state() == GcState.SUCCEEDED) {
      return 1;
    }
    List<GcPhase> phases = run.dryRun() ? DRY : FULL;
    int index = phases.indexOf(run.phase());
    if (index < 0) {
      return 0;
    }
    double within = run.total() > 0 ? Math.min(1, (double) run.done() / run.total()) : 0;
    return Math.min(1, (index + within) / (phases.size() - 1));
  }

  /** {@code succeeded}, or the state with the phase the run stopped in. */
  static String status(GcRun run) {
    return switch (run.state()) {
      case RUNNING -> "running: " + phaseLabel(run.phase());
      case SUCCEEDED -> "succeeded";
      case FAILED -> "failed in " + phaseLabel(run.phase());
      case INTERRUPTED -> "interrupted in " + phaseLabel(run.phase());
    };
  }

  static String phaseLabel(GcPhase phase) {
    return switch (phase) {
      case STARTING -> "starting";
      case BACKFILL -> "indexing directories stored before version 4";
      case MARK -> "marking what the roots reach";
      case COUNT -> "counting what would be freed";
      case SWEEP_DIRECTORIES -> "deleting directories";
      case SWEEP_BLOBS -> "deleting blobs";
      case SWEEP_CHUNKS -> "deleting chunks";
      case SWEEP_UPLOADS -> "deleting abandoned uploads";
      case SWEEP_FILES -> "deleting chunk files without a row";
      case DONE -> "done";
    };
  }

  /** {@code would free 2 directories, ...: 1.5 MiB} (dry run) or {@code freed ...}. */
  static String summary(GcRun run) {
    String verb = run.dryRun() ? "would free " : "freed ";
    String sofar = run.state() == GcState.RUNNING ? " so far" : "";
    return verb + counts(run.freed()) + ": " + Figures.bytes(run.freed().bytes()) + sofar;
  }

  static String counts(GcFreed f) {
    return Figures.count(f.directories(), "directory", "directories") + ", "
        + Figures.count(f.blobs(), "blob", "blobs") + ", "
        + Figures.count(f.chunks(), "chunk", "chunks") + ", "
        + Figures.count(f.orphanFiles(), "orphan file", "orphan files") + ", "
        + Figures.count(f.uploads(), "upload", "uploads");
  }

  static List<GcFigure> figures(GcRun run) {
    GcFreed f = run.freed();
    return List.of(
        new GcFigure("gc-result-run", "Run", Long.toString(run.id())),
        new GcFigure("gc-result-kind", "Kind", run.dryRun() ? "dry run" : "collection"),
        new GcFigure("gc-result-state", "Status", status(run)),
        new GcFigure("gc-result-directories", "Directories", Long.toString(f.directories())),
        new GcFigure("gc-result-blobs", "Blobs", Long.toString(f.blobs())),
        new GcFigure("gc-result-chunks", "Chunks", Long.toString(f.chunks())),
        new GcFigure("gc-result-chunk-bytes", "Chunk bytes", Figures.exactBytes(f.chunkBytes())),
        new GcFigure(
            "gc-result-orphan-files", "Orphan chunk files", Long.toString(f.orphanFiles())),
        new GcFigure("gc-result-orphan-bytes", "Orphan bytes", Figures.exactBytes(f.orphanBytes())),
        new GcFigure("gc-result-uploads", "Abandoned uploads", Long.toString(f.uploads())),
        new GcFigure("gc-result-bytes", "Bytes in total", Figures.exactBytes(f.bytes())));
  }

  private static String reason(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
