package dev.tvixstore.web.admin.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.ejb.gc.GcBusyException;
import dev.tvixstore.ejb.gc.GcFreed;
import dev.tvixstore.ejb.gc.GcPhase;
import dev.tvixstore.ejb.gc.GcRun;
import dev.tvixstore.ejb.gc.GcState;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.error.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class GcPresenterTest {

  private static final Instant T0 = Instant.parse("2026-11-25T22:00:00Z");
  private static final GcFreed FREED = new GcFreed(2, 3, 5, 3 << 20, 1, 512, 1);

  /** Runs kept in a list; start records a RUNNING run unless told to throw. */
  private static final class FakeGc implements GcOperations {
    final List<GcRun> runs = new ArrayList<>();
    Function<Boolean, RuntimeException> failStart = dry -> null;
    RuntimeException failReads;

    @Override
    public long start(boolean dryRun) {
      RuntimeException e = failStart.apply(dryRun);
      if (e != null) {
        throw e;
      }
      long id = runs.size() + 1;
      runs.add(gcRun(id, dryRun, GcState.RUNNING, GcPhase.STARTING, 0, 0, GcFreed.NONE, null));
      return id;
    }

    @Override
    public GcRun run(long id) {
      if (failReads != null) {
        throw failReads;
      }
      return runs.stream()
          .filter(r -> r.id() == id)
          .findFirst()
          .orElseThrow(() -> new NotFoundException("no GC run " + id));
    }

    @Override
    public List<GcRun> runs(int limit) {
      if (failReads != null) {
        throw failReads;
      }
      return runs.stream()
          .sorted(Comparator.comparingLong(GcRun::id).reversed())
          .limit(limit)
          .toList();
    }

    void set(GcRun r) {
      runs.replaceAll(old -> old.id() == r.id() ? r : old);
    }
  }

  private static GcRun gcRun(
      long id, boolean dry, GcState state, GcPhase phase, long done, long total, GcFreed freed,
      String error) {
    Instant end = state == GcState.RUNNING ? null : T0.plusSeconds(id * 60 + 5);
    return new GcRun(
        id, dry, state, phase, done, total, T0.plusSeconds(id * 60), end, T0, freed, error);
  }

  @Test
  void aStartedRunIsFollowedByItsIdUntilItFinishes() {
    FakeGc gc = new FakeGc();
    GcPresenter presenter = new GcPresenter(gc);
    assertEquals(new GcStart.Started(1), presenter.start(true));

    gc.set(gcRun(1, true, GcState.RUNNING, GcPhase.MARK, 100, 400, GcFreed.NONE, null));
    GcProgress marking = presenter.progress(1);
    assertFalse(marking.finished());
    assertEquals("Dry run 1", marking.title());
    assertEquals("marking what the roots reach: 100 of 400", marking.step());
    // Dry run: STARTING, BACKFILL, MARK, COUNT, DONE; a quarter into the third of four steps.
    assertEquals((2 + 0.25) / 4, marking.fraction(), 1e-9);

    gc.set(gcRun(1, true, GcState.SUCCEEDED, GcPhase.DONE, 0, 0, FREED, null));
    GcProgress done = presenter.progress(1);
    assertTrue(done.finished());
    assertEquals(1.0, done.fraction());
    assertEquals(Optional.empty(), done.error());
    assertEquals(
        "would free 2 directories, 3 blobs, 5 chunks, 1 orphan file, 1 upload: 3.0 MiB",
        done.summary());
  }

  @Test
  void resultFiguresStartWithTheExactNumbers() {
    FakeGc gc = new FakeGc();
    gc.runs.add(gcRun(7, false, GcState.SUCCEEDED, GcPhase.DONE, 0, 0, FREED, null));
    List<GcFigure> figures = new GcPresenter(gc).progress(7).figures();
    assertEquals(
        List.of(
            new GcFigure("gc-result-run", "Run", "7"),
            new GcFigure("gc-result-kind", "Kind", "collection"),
            new GcFigure("gc-result-state", "Status", "succeeded"),
            new GcFigure("gc-result-directories", "Directories", "2"),
            new GcFigure("gc-result-blobs", "Blobs", "3"),
            new GcFigure("gc-result-chunks", "Chunks", "5"),
            new GcFigure("gc-result-chunk-bytes", "Chunk bytes", "3145728 bytes (3.0 MiB)"),
            new GcFigure("gc-result-orphan-files", "Orphan chunk files", "1"),
            new GcFigure("gc-result-orphan-bytes", "Orphan bytes", "512 bytes"),
            new GcFigure("gc-result-uploads", "Abandoned uploads", "1"),
            new GcFigure("gc-result-bytes", "Bytes in total", "3146240 bytes (3.0 MiB)")),
        figures);
  }

  @Test
  void aCollectionsProgressCountsItsFiveSweeps() {
    FakeGc gc = new FakeGc();
    gc.runs.add(gcRun(1, false, GcState.RUNNING, GcPhase.SWEEP_CHUNKS, 0, 0, FREED, null));
    GcProgress p = new GcPresenter(gc).progress(1);
    // STARTING .. SWEEP_FILES, DONE: sweeping chunks begins step 5 of 8.
    assertEquals(5.0 / 8, p.fraction(), 1e-9);
    assertEquals("deleting chunks", p.step());
    assertTrue(p.summary().startsWith("freed ") && p.summary().endsWith(" so far"), p.summary());
  }

  @Test
  void aSecondRunIsRefusedNamingTheOneRunning() {
    FakeGc gc = new FakeGc();
    GcPresenter presenter = new GcPresenter(gc);
    presenter.start(false);
    gc.failStart = dry -> new GcBusyException("a garbage collection is running already");
    GcStart refused = presenter.start(true);
    assertEquals(
        new GcStart.Refused(
            "A garbage collection is already running (run 1): only one runs at a time."
                + " Wait for it to end, then start again."),
        refused);
    assertEquals(OptionalLong.of(1), presenter.history().running());
  }

  @Test
  void aStartThatFailsSaysWhy() {
    FakeGc gc = new FakeGc();
    gc.failStart = dry -> new StorageException("database is read-only");
    assertEquals(
        new GcStart.Refused("The garbage collection did not start: database is read-only"),
        new GcPresenter(gc).start(false));
  }

  @Test
  void aFailedRunFinishesWithItsErrorAndWhereItStopped() {
    FakeGc gc = new FakeGc();
    gc.runs.add(
        gcRun(3, false, GcState.FAILED, GcPhase.SWEEP_BLOBS, 10, 20, GcFreed.NONE,
            "SWEEP_BLOBS: disk full"));
    GcProgress p = new GcPresenter(gc).progress(3);
    assertTrue(p.finished());
    assertEquals("failed in deleting blobs", p.step());
    assertEquals(Optional.of("SWEEP_BLOBS: disk full"), p.error());
  }

  @Test
  void unknownOrUnreadableRunsFinishWithTheReason() {
    FakeGc gc = new FakeGc();
    GcPresenter presenter = new GcPresenter(gc);
    GcProgress unknown = presenter.progress(9);
    assertTrue(unknown.finished());
    assertEquals(Optional.of("there is no GC run 9"), unknown.error());
    gc.failReads = new StorageException("connection refused");
    assertEquals(
        Optional.of("cannot read GC run 9: connection refused"), presenter.progress(9).error());
    GcHistory h = presenter.history();
    assertEquals(List.of(), h.rows());
    assertEquals(Optional.of("cannot read GC runs: connection refused"), h.error());
  }

  @Test
  void historyListsNewestFirstWithStatusAndFreedFigures() {
    FakeGc gc = new FakeGc();
    gc.runs.add(gcRun(1, true, GcState.SUCCEEDED, GcPhase.DONE, 0, 0, FREED, null));
    gc.runs.add(
        gcRun(2, false, GcState.INTERRUPTED, GcPhase.SWEEP_CHUNKS, 0, 0, GcFreed.NONE,
            "the JVM ended"));
    GcHistory h = new GcPresenter(gc).history();
    assertEquals(OptionalLong.empty(), h.running());
    assertEquals(
        List.of(
            new GcRunRow(2, "collection", "2026-11-25 22:02:00 UTC", "2026-11-25 22:02:05 UTC",
                "interrupted in deleting chunks",
                "0 directories, 0 blobs, 0 chunks, 0 orphan files, 0 uploads", "0 B",
                "the JVM ended"),
            new GcRunRow(1, "dry run", "2026-11-25 22:01:00 UTC", "2026-11-25 22:01:05 UTC",
                "succeeded", "2 directories, 3 blobs, 5 chunks, 1 orphan file, 1 upload",
                "3.0 MiB", "")),
        h.rows());
  }
}
