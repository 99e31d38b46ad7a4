package dev.tvixstore.web.admin.scrub;

import java.util.List;
import java.util.Objects;

/**
 * One damaged object as the page lists it.
 *
 * @param kind {@code chunk}, {@code blob} or {@code directory}
 * @param digest its BLAKE3 digest in hex
 * @param problem {@code missing}, {@code corrupt}, {@code wrong-size} or {@code chunk-list}
 * @param storePaths the store paths whose NAR needs it, sorted
 * @param status {@code open}, or how and when a later run resolved it
 */
public record DamageRow(
    String kind,
    String digest,
    String problem,
    String detail,
    List<String> storePaths,
    String status) {

  public DamageRow {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(detail, "detail");
    storePaths = List.copyOf(storePaths);
    Objects.requireNonNull(status, "status");
  }

  /** The paths, one per line; {@code none} when no stored path needs the object. */
  public String pathsText() {
    return storePaths.isEmpty() ? "none" : String.join("\n", storePaths);
  }
}
