package dev.tvixstore.web.admin.gc;

import dev.tvixstore.web.admin.RunFollower;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A run as the page shows it while it runs and after.
 *
 * @param runId the run
 * @param title e.g. {@code Dry run 4}
 * @param step where it is, e.g. {@code marking what the roots reach: 120 of 400}
 * @param fraction of the whole run done, 0 to 1
 * @param finished whether it ended (successfully or not); polling stops then
 * @param summary what it freed, or would free
 * @param figures the result in detail
 * @param error why it failed; empty unless it did
 */
public record GcProgress(
    long runId,
    String title,
    String step,
    double fraction,
    boolean finished,
    String summary,
    List<GcFigure> figures,
    Optional<String> error)
    implements RunFollower.Status {

  public GcProgress {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(summary, "summary");
    figures = List.copyOf(figures);
    Objects.requireNonNull(error, "error");
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be 0 to 1, got " + fraction);
    }
  }
}
