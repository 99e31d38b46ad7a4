package dev.tvixstore.web.admin.gc;

import java.util.Objects;

/**
 * One figure of a run's result.
 *
 * @param id stable element id (tests and scripts find values by it)
 * @param label what the value is
 * @param value the value as shown; counts and byte sizes start with the exact number
 */
public record GcFigure(String id, String label, String value) {

  public GcFigure {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(value, "value");
  }
}
