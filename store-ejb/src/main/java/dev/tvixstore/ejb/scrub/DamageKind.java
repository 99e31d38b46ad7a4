package dev.tvixstore.ejb.scrub;

import java.util.Locale;

/** What a scrub found damaged. */
public enum DamageKind {
  /** A chunk file: missing, corrupt (does not decode or hash to its name), or wrong-size. */
  CHUNK,
  /** A blob's chunk list (rows of {@code blob_chunk}): order, offsets, sizes, chunk rows. */
  BLOB,
  /** A directory row: its encoding does not hash to its key, parse, or match its size. */
  DIRECTORY;

  /** The name in the database and the API. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind of a {@link #label}. */
  public static DamageKind ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
