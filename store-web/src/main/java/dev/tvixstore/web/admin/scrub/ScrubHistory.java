package dev.tvixstore.web.admin.scrub;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The history grid's content.
 *
 * @param rows newest first
 * @param running the run going now, if any (the page follows it, also one started elsewhere)
 * @param error why the history could not be read; empty if it was
 */
public record ScrubHistory(List<ScrubRunRow> rows, OptionalLong running, Optional<String> error) {

  public ScrubHistory {
    rows = List.copyOf(rows);
    Objects.requireNonNull(running, "running");
    Objects.requireNonNull(error, "error");
  }
}
