package dev.tvixstore.ejb.scrub;

import dev.tvixstore.castore.B3Digest;
import java.util.Objects;

/**
 * One damaged object a scrub found.
 *
 * @param kind what it is
 * @param digest its digest (for a blob or directory, the key of its row)
 * @param problem a short word: {@code missing}, {@code corrupt}, {@code wrong-size} (chunks),
 *     {@code chunk-list} (blobs), {@code corrupt} (directories)
 * @param detail what exactly is wrong, for the operator
 */
public record Damage(DamageKind kind, B3Digest digest, String problem, String detail) {
  static final String MISSING = "missing";
  static final String CORRUPT = "corrupt";
  static final String WRONG_SIZE = "wrong-size";
  static final String CHUNK_LIST = "chunk-list";

  /** Checks presence; the detail is cut to what the table holds. */
  public Damage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(problem, "problem");
    detail = detail.length() > 1000 ? detail.substring(0, 997) + "..." : detail;
  }

  /** The object, without what is wrong with it. */
  public Key key() {
    return new Key(kind, digest);
  }

  /** A damaged object's identity: a chunk and a blob may share a digest. */
  public record Key(DamageKind kind, B3Digest digest) {
    /** Checks presence. */
    public Key {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(digest, "digest");
    }
  }
}
