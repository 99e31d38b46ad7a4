package dev.tvixstore.ejb.scrub;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One damaged object as a run recorded it.
 *
 * @param kind {@code chunk}, {@code blob} or {@code directory}
 * @param digestHex its BLAKE3 digest in hex
 * @param problem {@code missing}, {@code corrupt}, {@code wrong-size} or {@code chunk-list}
 * @param resolvedAt when a later run resolved it; null while open
 * @param resolution {@code healed} (a later run found it sound, or gone) or {@code found-again}
 *     (a later run recorded it again); null while open
 * @param storePaths the stored paths whose NAR needs it ({@code /nix/store/<hash>-<name>}),
 *     sorted
 */
public record ScrubDamage(
    String kind,
    String digestHex,
    String problem,
    String detail,
    Instant foundAt,
    Instant resolvedAt,
    String resolution,
    List<String> storePaths) {
  public static final String HEALED = "healed";
  public static final String FOUND_AGAIN = "found-again";

  /** Checks presence, copies the paths. */
  public ScrubDamage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(digestHex, "digestHex");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(foundAt, "foundAt");
    storePaths = List.copyOf(storePaths);
  }
}
