package dev.tvixstore.ejb.gc;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A recorded GC run (table {@code gc_run}), with its progress while it runs.
 *
 * @param id the run's number, ascending
 * @param dryRun whether it only counts
 * @param state where it stands
 * @param phase the step it is in (or ended in)
 * @param done units of the phase done so far
 * @param total units of the phase, 0 when not known in advance
 * @param startedAt when it started
 * @param finishedAt when it ended; null while running
 * @param cutoff nothing touched at or after this instant is swept
 * @param freed what it freed so far (or would free, in a dry run)
 * @param error why it failed; null unless failed or interrupted
 */
public record GcRun(
    long id,
    boolean dryRun,
    GcState state,
    GcPhase phase,
    long done,
    long total,
    Instant startedAt,
    Instant finishedAt,
    Instant cutoff,
    GcFreed freed,
    String error)
    implements Serializable {

  public GcRun {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(cutoff, "cutoff");
    Objects.requireNonNull(freed, "freed");
  }

  /** When it ended, if it has. */
  public Optional<Instant> finished() {
    return Optional.ofNullable(finishedAt);
  }

  /** Why it failed, if it did. */
  public Optional<String> failure() {
    return Optional.ofNullable(error);
  }
}
