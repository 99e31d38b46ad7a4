package dev.tvixstore.ejb.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.testing.VectorPaths;
import dev.tvixstore.testing.Vectors;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs: one at a time, recorded with their progress, rate-limited (on a fake clock, so the test
 * needs no timing), stale ones marked interrupted, cancellable. Subclasses choose the database.
 */
abstract class ScrubRunnerDbTest {
  abstract TestDatabase db();

  @TempDir Path root;
  ScrubStore store;
  /** Holds the tasks a runner submits until the test runs them. */
  final List<Runnable> held = new ArrayList<>();
  FakeClock rateClock;
  ScrubRunner runner;

  @BeforeEach
  void open() throws Exception {
    store = ScrubStore.open(db(), root);
    Vectors.cases().forEach(c -> store.paths().put(
        VectorPaths.ingestPathInfo(c, store.blobs(), store.directories())));
    rateClock = new FakeClock();
    runner = new ScrubRunner(store.scrub(), held::add, new ScrubSettings(256 << 10), rateClock,
        Clock.systemUTC());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void runHeld() {
    List<Runnable> tasks = List.copyOf(held);
    held.clear();
    tasks.forEach(Runnable::run);
  }

  @Test
  void onlyOneScrubRunsAtATime() {
    ScrubRunner.Start first = runner.start(OptionalLong.empty());
    assertTrue(first.started());
    assertEquals(OptionalLong.of(first.runId()), runner.running());
    ScrubRunner.Start second = runner.start(OptionalLong.empty());
    assertFalse(second.started());
    assertEquals(first.runId(), second.runId());
    assertEquals(1, held.size(), "nothing more was submitted");
    assertTrue(store.log().run(first.runId()).orElseThrow().running());

    runHeld();
    assertEquals(OptionalLong.empty(), runner.running());
    ScrubRun done = store.log().run(first.runId()).orElseThrow();
    assertEquals(ScrubRun.CLEAN, done.state());
    ScrubRunner.Start third = runner.start(OptionalLong.empty());
    assertTrue(third.started());
    assertTrue(third.runId() > first.runId());
  }

  @Test
  void theConfiguredRateIsRespected() {
    long runId = runner.start(OptionalLong.empty()).runId();
    runHeld();
    ScrubRun run = store.log().run(runId).orElseThrow();
    assertEquals(256 << 10, run.rateBytesPerSecond());
    // The fake clock only moves when the limiter sleeps: it slept exactly as long as the bytes
    // take at the rate (rounded up to the nanosecond).
    long due = (long) Math.ceil(run.chunkBytes() * 1e9 / (256 << 10));
    assertEquals(due, rateClock.slept, run.toString());
    assertEquals(run.chunksTotal(), rateClock.sleeps, "one pause per chunk at most");
  }

  @Test
  void aRateGivenForOneRunOverridesTheSetting() {
    long runId = runner.start(OptionalLong.of(0)).runId();
    runHeld();
    assertEquals(0, store.log().run(runId).orElseThrow().rateBytesPerSecond());
    assertEquals(0, rateClock.sleeps);
  }

  @Test
  void progressIsRecordedAndARunLeftRunningIsMarkedInterrupted() {
    long stale = store.log().create(0, Clock.systemUTC().instant());
    long runId = runner.start(OptionalLong.empty()).runId();
    ScrubRun interrupted = store.log().run(stale).orElseThrow();
    assertEquals(ScrubRun.INTERRUPTED, interrupted.state());
    assertTrue(interrupted.finishedAt() != null);
    runHeld();
    ScrubRun run = store.log().run(runId).orElseThrow();
    assertEquals(run.chunksTotal(), run.chunksDone());
    assertEquals(run.blobsTotal(), run.blobsDone());
    assertEquals(run.directoriesTotal(), run.directoriesDone());
    assertTrue(run.chunksTotal() > 0 && run.blobsTotal() > 0 && run.directoriesTotal() > 0);
    assertEquals(List.of(runId, stale),
        store.log().runs(10).stream().map(ScrubRun::id).toList());
  }

  @Test
  void aCancelledRunStopsAfterItsBatchAndSaysSo() {
    long runId = runner.start(OptionalLong.empty()).runId();
    runner.cancel();
    runHeld();
    ScrubRun run = store.log().run(runId).orElseThrow();
    assertEquals(ScrubRun.CANCELLED, run.state());
    assertEquals("chunks", run.phase());
    assertEquals(0, run.blobsDone());
  }
}
