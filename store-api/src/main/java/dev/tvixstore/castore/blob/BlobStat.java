package dev.tvixstore.castore.blob;

import dev.tvixstore.castore.B3Digest;
import java.util.List;
import java.util.Objects;

/**
 * What {@link BlobService#stat} knows about a stored blob.
 *
 * @param digest the blob's BLAKE3 digest
 * @param size the blob's length in bytes
 * @param chunks the chunks in content order (their sizes add up to {@code size}), or an empty list
 *     when not requested or not applicable
 */
public record BlobStat(B3Digest digest, long size, List<ChunkMeta> chunks) {
  /** Validates the sizes and copies the chunk list. */
  public BlobStat {
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("negative blob size " + size);
    }
    chunks = List.copyOf(chunks);
    if (!chunks.isEmpty()) {
      long sum = 0;
      for (ChunkMeta c : chunks) {
        sum += c.size();
      }
      if (sum != size) {
        throw new IllegalArgumentException(
            "chunk sizes add up to " + sum + " but blob " + digest + " has " + size + " bytes");
      }
    }
  }

  /**
   * One chunk of a blob.
   *
   * @param digest BLAKE3 of the chunk's bytes
   * @param size the chunk's length in bytes
   */
  public record ChunkMeta(B3Digest digest, long size) {
    /** Checks the size. */
    public ChunkMeta {
      Objects.requireNonNull(digest, "digest");
      if (size < 0) {
        throw new IllegalArgumentException("negative chunk size " + size);
      }
    }
  }
}
