package dev.tvixstore.web.admin.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.ejb.scrub.ScrubDamage;
import dev.tvixstore.ejb.scrub.ScrubRun;
import dev.tvixstore.ejb.scrub.ScrubRunner;
import dev.tvixstore.error.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ScrubPresenterTest {

  private static final Instant T0 = Instant.parse("2026-11-25T22:00:00Z");
  private static final String HEX = "ab".repeat(32);

  /** Runs in a list; at most one running, as the real runner. */
  private static final class FakeScrubs implements ScrubOperations {
    final List<ScrubRun> runs = new ArrayList<>();
    final Map<Long, List<ScrubDamage>> damage = new HashMap<>();
    final List<OptionalLong> rates = new ArrayList<>();
    RuntimeException fail;

    @Override
    public ScrubRunner.Start start(OptionalLong rate) {
      if (fail != null) {
        throw fail;
      }
      rates.add(rate);
      Optional<ScrubRun> running = runs.stream().filter(ScrubRun::running).findFirst();
      if (running.isPresent()) {
        return new ScrubRunner.Start(running.get().id(), false);
      }
      long id = runs.size() + 1;
      runs.add(scrubRun(id, ScrubRun.RUNNING, "chunks", 0, 0, 0));
      return new ScrubRunner.Start(id, true);
    }

    @Override
    public List<ScrubRun> runs(int limit) {
      if (fail != null) {
        throw fail;
      }
      return runs.stream()
          .sorted(Comparator.comparingLong(ScrubRun::id).reversed())
          .limit(limit)
          .toList();
    }

    @Override
    public Optional<ScrubRun> run(long id) {
      if (fail != null) {
        throw fail;
      }
      return runs.stream().filter(r -> r.id() == id).findFirst();
    }

    @Override
    public List<ScrubDamage> damage(long id, int limit) {
      if (fail != null) {
        throw fail;
      }
      return damage.getOrDefault(id, List.of()).stream().limit(limit).toList();
    }

    void set(ScrubRun r) {
      runs.replaceAll(old -> old.id() == r.id() ? r : old);
    }
  }

  private static ScrubRun scrubRun(
      long id, String state, String phase, long chunksDone, long chunksTotal, long damage) {
    Instant end = ScrubRun.RUNNING.equals(state) ? null : T0.plusSeconds(id * 60 + 9);
    return new ScrubRun(id, state, phase, T0.plusSeconds(id * 60), end, 8L << 20, chunksTotal,
        chunksDone, chunksDone << 18, 4, ScrubRun.RUNNING.equals(state) ? 0 : 4, 2,
        ScrubRun.RUNNING.equals(state) ? 0 : 2, damage, 0, null);
  }

  @Test
  void aStartedScrubIsFollowedUntilItFinishes() {
    FakeScrubs scrubs = new FakeScrubs();
    ScrubPresenter presenter = new ScrubPresenter(scrubs);
    assertEquals(new ScrubStart.Started(1), presenter.start(" 2.5 "));
    assertEquals(List.of(OptionalLong.of(5L << 19)), scrubs.rates);

    assertEquals("checking chunks, 0 B read", presenter.status(1).step());
    scrubs.set(scrubRun(1, ScrubRun.RUNNING, "chunks", 10, 40, 0));
    ScrubStatus running = presenter.status(1);
    assertFalse(running.finished());
    assertEquals("running", running.state());
    assertEquals("checking chunks: 10 of 40, 2.5 MiB read", running.step());
    // chunks, blobs, directories, paths: a quarter of the first of four phases.
    assertEquals(0.25 / 4, running.fraction(), 1e-9);

    scrubs.set(scrubRun(1, ScrubRun.DAMAGED, "done", 40, 40, 2));
    ScrubStatus done = presenter.status(1);
    assertTrue(done.finished());
    assertFalse(done.clean());
    assertEquals(1.0, done.fraction());
    assertEquals("damaged: 2 damaged objects found", done.step());
    assertEquals(
        "40 chunks (10.0 MiB), 4 blobs, 2 directories checked; 2 damaged, 0 not checkable",
        done.summary());
  }

  @Test
  void aBlankRateTakesTheConfiguredOneAndABadOneIsRefused() {
    FakeScrubs scrubs = new FakeScrubs();
    ScrubPresenter presenter = new ScrubPresenter(scrubs);
    assertEquals(new ScrubStart.Started(1), presenter.start("  "));
    assertEquals(List.of(OptionalLong.empty()), scrubs.rates);
    assertEquals(
        new ScrubStart.Refused("The rate must be a number of MiB/s, 0 or more (0: unlimited),"
            + " got 'fast'"),
        presenter.start("fast"));
    assertEquals(
        new ScrubStart.Refused("The rate must be a number of MiB/s, 0 or more (0: unlimited),"
            + " got '-1'"),
        presenter.start("-1"));
    assertEquals(1, scrubs.rates.size());
  }

  @Test
  void aSecondScrubFollowsTheRunningOneAndSaysSo() {
    FakeScrubs scrubs = new FakeScrubs();
    ScrubPresenter presenter = new ScrubPresenter(scrubs);
    presenter.start("");
    assertEquals(
        new ScrubStart.AlreadyRunning(1, "A scrub is already running (run 1): only one runs at a"
            + " time. Its progress is shown below."),
        presenter.start(""));
    assertEquals(OptionalLong.of(1), presenter.history().running());
  }

  @Test
  void damageListsDigestKindProblemAndTheBrokenPaths() {
    FakeScrubs scrubs = new FakeScrubs();
    scrubs.runs.add(scrubRun(1, ScrubRun.DAMAGED, "done", 40, 40, 1));
    String path = "/nix/store/" + "0".repeat(32) + "-hello";
    scrubs.damage.put(1L, List.of(
        new ScrubDamage("chunk", HEX, "corrupt", "BLAKE3 mismatch", T0, null, null,
            List.of(path)),
        new ScrubDamage("blob", "cd".repeat(32), "missing", "no row", T0, T0.plusSeconds(5),
            ScrubDamage.HEALED, List.of())));
    DamageList list = new ScrubPresenter(scrubs).damage(1);
    assertEquals("Scrub 1 found 2 damaged objects.", list.caption());
    assertEquals(
        List.of(
            new DamageRow("chunk", HEX, "corrupt", "BLAKE3 mismatch", List.of(path), "open"),
            new DamageRow("blob", "cd".repeat(32), "missing", "no row", List.of(),
                "healed 2026-11-25 22:00:05 UTC")),
        list.rows());
    assertEquals(path, list.rows().get(0).pathsText());
    assertEquals("none", list.rows().get(1).pathsText());
    assertEquals("Scrub 2 found no damage.", new ScrubPresenter(scrubs).damage(2).caption());
  }

  @Test
  void aLongDamageListIsCutToWhatAPageCanShowAndSaysSo() {
    FakeScrubs scrubs = new FakeScrubs();
    scrubs.runs.add(scrubRun(3, ScrubRun.DAMAGED, "done", 40, 40, 600));
    List<ScrubDamage> many = new java.util.ArrayList<>();
    for (int i = 0; i < 600; i++) {
      many.add(new ScrubDamage("chunk", String.format("%064x", i), "missing", "no file", T0,
          null, null, List.of()));
    }
    scrubs.damage.put(3L, many);
    DamageList list = new ScrubPresenter(scrubs).damage(3);
    assertEquals(ScrubPresenter.DAMAGE_SHOWN, list.rows().size());
    assertEquals(String.format("%064x", 0), list.rows().get(0).digest());
    assertEquals("Scrub 3 found more than 500 damaged objects; the first 500 are listed,"
        + " /admin/api/scrub/runs/3 lists them all.", list.caption());

    scrubs.damage.put(3L, many.subList(0, 500));
    assertEquals("Scrub 3 found 500 damaged objects.",
        new ScrubPresenter(scrubs).damage(3).caption());
  }

  @Test
  void aCleanRunIsCleanAndHistoryShowsRateAndCounts() {
    FakeScrubs scrubs = new FakeScrubs();
    scrubs.runs.add(scrubRun(1, ScrubRun.CLEAN, "done", 3, 3, 0));
    ScrubPresenter presenter = new ScrubPresenter(scrubs);
    assertTrue(presenter.status(1).clean());
    assertEquals("clean: no damage found", presenter.status(1).step());
    assertEquals(
        List.of(new ScrubRunRow(1, "2026-11-25 22:01:00 UTC", "2026-11-25 22:01:09 UTC", "clean",
            "3 chunks (768.0 KiB), 4 blobs, 2 directories checked", 0, 0, "8.0 MiB/s", "")),
        presenter.history().rows());
  }

  @Test
  void failuresComeBackAsText() {
    FakeScrubs scrubs = new FakeScrubs();
    ScrubPresenter presenter = new ScrubPresenter(scrubs);
    ScrubStatus unknown = presenter.status(4);
    assertTrue(unknown.finished());
    assertEquals(Optional.of("there is no scrub run 4"), unknown.error());
    scrubs.fail = new StorageException("connection refused");
    assertEquals(new ScrubStart.Refused("The scrub did not start: connection refused"),
        presenter.start(""));
    assertEquals(Optional.of("cannot read scrub run 4: connection refused"),
        presenter.status(4).error());
    assertEquals(Optional.of("cannot read what scrub 4 found: connection refused"),
        presenter.damage(4).error());
    assertEquals(Optional.of("cannot read scrub runs: connection refused"),
        presenter.history().error());
  }
}
