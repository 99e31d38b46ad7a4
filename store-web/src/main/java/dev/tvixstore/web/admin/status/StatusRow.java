package dev.tvixstore.web.admin.status;

import java.util.Objects;

/**
 * One line of the status page.
 *
 * @param id stable element id (tests and scripts find values by it)
 * @param label what the value is
 * @param value the value as shown
 */
public record StatusRow(String id, String label, String value) {

  public StatusRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(value, "value");
  }
}
