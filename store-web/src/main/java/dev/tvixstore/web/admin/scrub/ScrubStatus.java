package dev.tvixstore.web.admin.scrub;

import dev.tvixstore.web.admin.RunFollower;
import java.util.Objects;
import java.util.Optional;

/**
 * A scrub run as the page shows it while it runs and after.
 *
 * @param title e.g. {@code Scrub 3}
 * @param state the run's recorded state: {@code running}, {@code clean}, {@code damaged}, ...
 * @param step where it is, e.g. {@code checking chunks: 12 of 40, 3.0 MiB read}
 * @param fraction of the whole run done, 0 to 1
 * @param finished whether it ended; polling stops then
 * @param clean whether it ended having checked everything and found nothing wrong
 * @param summary the counts so far, or the outcome
 * @param error what stopped it, or the last object that could not be checked; empty if none
 */
public record ScrubStatus(
    long runId,
    String title,
    String state,
    String step,
    double fraction,
    boolean finished,
    boolean clean,
    String summary,
    Optional<String> error)
    implements RunFollower.Status {

  public ScrubStatus {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(error, "error");
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be 0 to 1, got " + fraction);
    }
  }
}
