package dev.tvixstore.web.admin.scrub;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scrub run found, for the damage grid.
 *
 * @param caption one line above the grid, e.g. {@code Scrub 3 found 2 damaged objects.}
 * @param error why the list could not be read; empty if it was
 */
public record DamageList(long runId, String caption, List<DamageRow> rows, Optional<String> error) {

  public DamageList {
    Objects.requireNonNull(caption, "caption");
    rows = List.copyOf(rows);
    Objects.requireNonNull(error, "error");
  }
}
