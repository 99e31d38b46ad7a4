package dev.tvixstore.web.admin.scrub;

import dev.tvixstore.ejb.scrub.ScrubDamage;
import dev.tvixstore.ejb.scrub.ScrubRun;
import dev.tvixstore.ejb.scrub.ScrubRunner;
import dev.tvixstore.ejb.scrub.ScrubService;
import dev.tvixstore.ejb.scrub.ScrubSettings;
import dev.tvixstore.web.admin.Figures;
import jakarta.enterprise.inject.spi.CDI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides what the integrity page does and shows. A scrub runs on the service's executor; the
 * page polls {@link #status} until it has finished, then lists {@link #damage}. Never throws on a
 * failed read or start: the failure comes back as text for a notification.
 */
public final class ScrubPresenter {

  /** As many runs as the history shows. */
  static final int HISTORY = 50;

  /** As many damaged objects as the page lists: a failed disk may have damaged every chunk. */
  static final int DAMAGE_SHOWN = 500;

  private static final Logger LOG = Logger.getLogger(ScrubPresenter.class.getName());

  /** The recorded phases in the order they run ({@code ejb.scrub.Scrub}). */
  private static final List<String> PHASES =
      List.of("chunks", "blobs", "directories", "paths", "done");

  private final ScrubOperations scrubs;

  public ScrubPresenter(ScrubOperations scrubs) {
    this.scrubs = Objects.requireNonNull(scrubs, "scrubs");
  }

  /** The presenter wired to the deployed {@link ScrubService} (vaadin-cdi is not available). */
  public static ScrubPresenter fromContainer() {
    return new ScrubPresenter(ScrubOperations.of(CDI.current().select(ScrubService.class).get()));
  }

  /**
   * Starts a scrub in the background.
   *
   * @param rateMibPerSecond the rate limit as typed, in MiB/s; blank takes the configured one
   */
  public ScrubStart start(String rateMibPerSecond) {
    OptionalLong rate = OptionalLong.empty();
    if (rateMibPerSecond != null && !rateMibPerSecond.isBlank()) {
      try {
        rate = OptionalLong.of(ScrubSettings.parseRate(rateMibPerSecond));
      } catch (IllegalArgumentException e) {
        return new ScrubStart.Refused(
            "The rate must be a number of MiB/s, 0 or more (0: unlimited), got '"
                + rateMibPerSecond.strip() + "'");
      }
    }
    try {
      ScrubRunner.Start s = scrubs.start(rate);
      if (s.started()) {
        return new ScrubStart.Started(s.runId());
      }
      return new ScrubStart.AlreadyRunning(
          s.runId(),
          "A scrub is already running (run " + s.runId() + "): only one runs at a time."
              + " Its progress is shown below.");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot start a scrub", e);
      return new ScrubStart.Refused("The scrub did not start: " + reason(e));
    }
  }

  /** Run {@code id} as it stands now; a run that cannot be read shows as finished with why. */
  public ScrubStatus status(long id) {
    Optional<ScrubRun> found;
    try {
      found = scrubs.run(id);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot read scrub run " + id, e);
      return unreadable(id, "cannot read scrub run " + id + ": " + reason(e));
    }
    if (found.isEmpty()) {
      return unreadable(id, "there is no scrub run " + id);
    }
    ScrubRun r = found.get();
    boolean finished = !r.running();
    return new ScrubStatus(
        r.id(),
        "Scrub " + r.id(),
        r.state(),
        finished ? outcome(r) : step(r),
        fraction(r),
        finished,
        ScrubRun.CLEAN.equals(r.state()),
        checked(r) + "; " + r.damageCount() + " damaged, " + r.errorCount()
            + " not checkable",
        Optional.ofNullable(r.error()));
  }

  /**
   * What run {@code id} found, at most {@value #DAMAGE_SHOWN} objects (the admin API lists all);
   * throws nothing, a failed read is one row-less error.
   */
  public DamageList damage(long id) {
    try {
      List<DamageRow> rows =
          scrubs.damage(id, DAMAGE_SHOWN + 1).stream().map(ScrubPresenter::row).toList();
      String caption;
      if (rows.isEmpty()) {
        caption = "Scrub " + id + " found no damage.";
      } else if (rows.size() > DAMAGE_SHOWN) {
        rows = rows.subList(0, DAMAGE_SHOWN);
        caption = "Scrub " + id + " found more than " + DAMAGE_SHOWN + " damaged objects; the"
            + " first " + DAMAGE_SHOWN + " are listed, /admin/api/scrub/runs/" + id
            + " lists them all.";
      } else {
        caption = "Scrub " + id + " found "
            + Figures.count(rows.size(), "damaged object", "damaged objects") + ".";
      }
      return new DamageList(id, caption, rows, Optional.empty());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot read the damage of scrub run " + id, e);
      return new DamageList(id, "Scrub " + id + ": damage unknown", List.of(),
          Optional.of("cannot read what scrub " + id + " found: " + reason(e)));
    }
  }

  /** The latest runs, newest first, and the one going now. */
  public ScrubHistory history() {
    List<ScrubRun> runs;
    try {
      runs = scrubs.runs(HISTORY);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot read scrub runs", e);
      return new ScrubHistory(
          List.of(), OptionalLong.empty(), Optional.of("cannot read scrub runs: " + reason(e)));
    }
    OptionalLong running =
        runs.stream().filter(ScrubRun::running).mapToLong(ScrubRun::id).findFirst();
    List<ScrubRunRow> rows =
        runs.stream()
            .map(
                r ->
                    new ScrubRunRow(
                        r.id(),
                        Figures.time(r.startedAt()),
                        Figures.time(Optional.ofNullable(r.finishedAt()), "running"),
                        r.state(),
                        checked(r),
                        r.damageCount(),
                        r.errorCount(),
                        r.rateBytesPerSecond() == 0
                            ? "unlimited"
                            : Figures.bytes(r.rateBytesPerSecond()) + "/s",
                        r.error() == null ? "" : r.error()))
            .toList();
    return new ScrubHistory(rows, running, Optional.empty());
  }

  private static DamageRow row(ScrubDamage d) {
    String status =
        d.resolvedAt() == null
            ? "open"
            : d.resolution() + " " + Figures.time(d.resolvedAt());
    return new DamageRow(d.kind(), d.digestHex(), d.problem(), d.detail(), d.storePaths(), status);
  }

  private static ScrubStatus unreadable(long id, String why) {
    return new ScrubStatus(id, "Scrub " + id, "unknown", why, 0, true, false, "", Optional.of(why));
  }

  /** Phases done plus the part of the current one, over the four phases. */
  static double fraction(ScrubRun r) {
    if (!r.running()) {
      return 1;
    }
    int index = PHASES.indexOf(r.phase());
    if (index < 0) {
      return 0;
    }
    long done = 0;
    long total = 0;
    switch (r.phase()) {
      case "chunks" -> {
        done = r.chunksDone();
        total = r.chunksTotal();
      }
      case "blobs" -> {
        done = r.blobsDone();
        total = r.blobsTotal();
      }
      case "directories" -> {
        done = r.directoriesDone();
        total = r.directoriesTotal();
      }
      default -> {}
    }
    double within = total > 0 ? Math.min(1, (double) done / total) : 0;
    return Math.min(1, (index + within) / (PHASES.size() - 1));
  }

  static String step(ScrubRun r) {
    return switch (r.phase()) {
      case "chunks" -> "checking chunks" + ofTotal(r.chunksDone(), r.chunksTotal()) + ", "
          + Figures.bytes(r.chunkBytes()) + " read";
      case "blobs" -> "checking blobs" + ofTotal(r.blobsDone(), r.blobsTotal());
      case "directories" ->
          "checking directories" + ofTotal(r.directoriesDone(), r.directoriesTotal());
      case "paths" -> "finding the store paths the damage breaks";
      default -> r.phase();
    };
  }

  /** {@code : 12 of 40}; nothing before the first batch has counted the phase's objects. */
  private static String ofTotal(long done, long total) {
    return total > 0 ? ": " + done + " of " + total : "";
  }

  static String outcome(ScrubRun r) {
    return switch (r.state()) {
      case ScrubRun.CLEAN -> "clean: no damage found";
      case ScrubRun.DAMAGED -> "damaged: "
          + Figures.count(r.damageCount(), "damaged object", "damaged objects") + " found";
      case ScrubRun.FAILED -> "failed" + (r.error() == null ? "" : ": " + r.error());
      case ScrubRun.CANCELLED -> "cancelled (the store stopped)";
      case ScrubRun.INTERRUPTED -> "interrupted (the store stopped under it)";
      default -> r.state();
    };
  }

  static String checked(ScrubRun r) {
    return Figures.count(r.chunksDone(), "chunk", "chunks") + " (" + Figures.bytes(r.chunkBytes())
        + "), " + Figures.count(r.blobsDone(), "blob", "blobs") + ", "
        + Figures.count(r.directoriesDone(), "directory", "directories") + " checked";
  }

  private static String reason(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
