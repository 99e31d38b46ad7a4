package dev.tvixstore.web.admin.scrub;

import java.util.Objects;

/**
 * One line of the scrub history, as shown.
 *
 * @param checked what it checked, e.g. {@code 40 chunks (3.0 MiB), 12 blobs, 5 directories}
 * @param rate its rate limit, e.g. {@code 8.0 MiB/s} or {@code unlimited}
 */
public record ScrubRunRow(
    long id,
    String started,
    String ended,
    String state,
    String checked,
    long damaged,
    long errors,
    String rate,
    String error) {

  public ScrubRunRow {
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(ended, "ended");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(checked, "checked");
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(error, "error");
  }
}
