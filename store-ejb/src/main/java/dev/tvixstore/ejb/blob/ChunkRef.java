package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.B3Digest;
import java.util.Objects;

/**
 * One chunk at its place in a blob.
 *
 * @param digest BLAKE3 of the chunk's bytes: its file name in the {@link ChunkFileStore}
 * @param offset where the chunk starts in the blob
 * @param size the chunk's length, at least 1 (a blob is cut into non-empty chunks)
 */
public record ChunkRef(B3Digest digest, long offset, int size) {
  /** Checks the position. */
  public ChunkRef {
    Objects.requireNonNull(digest, "digest");
    if (offset < 0) {
      throw new IllegalArgumentException("negative chunk offset " + offset);
    }
    if (size < 1) {
      throw new IllegalArgumentException("chunk size must be at least 1, got " + size);
    }
  }

  /** The offset just after the chunk. */
  public long end() {
    return offset + size;
  }
}
