package dev.tvixstore.ejb.scrub;

import dev.tvixstore.castore.B3Digest;
import java.util.List;
import java.util.Optional;

/**
 * Whether a blob's chunk list is what the writer commits (ChunkIndex contract): at least one
 * chunk, indexes 0, 1, 2... in order, every chunk row present with a size of at least 1, each
 * chunk starting where the one before ends, the sizes adding up to the blob's size; and a blob of
 * one chunk is that chunk (same digest).
 */
final class ChunkListCheck {
  /**
   * One {@code blob_chunk} row with its chunk's size.
   *
   * @param size the chunk row's size, null when no chunk row has this digest
   */
  record Row(int idx, B3Digest chunk, long offset, Long size) {}

  private ChunkListCheck() {}

  /** What is wrong with the list, or empty if nothing is. */
  static Optional<String> problem(B3Digest blob, long blobSize, List<Row> rows) {
    if (rows.isEmpty()) {
      return Optional.of("it has no chunks, but only the empty blob may (and it has no row)");
    }
    long expectedOffset = 0;
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      if (r.idx() != i) {
        return Optional.of("chunk index " + i + " is missing (next index is " + r.idx() + ")");
      }
      if (r.size() == null) {
        return Optional.of("chunk " + i + " (" + r.chunk().toHex() + ") has no chunk row");
      }
      if (r.size() < 1) {
        return Optional.of("chunk " + i + " (" + r.chunk().toHex() + ") has size " + r.size());
      }
      if (r.offset() != expectedOffset) {
        return Optional.of("chunk " + i + " starts at " + r.offset() + ", not at "
            + expectedOffset + " where chunk " + (i - 1) + " ends");
      }
      expectedOffset += r.size();
    }
    if (expectedOffset != blobSize) {
      return Optional.of("its chunks add up to " + expectedOffset + " bytes, its row says "
          + blobSize);
    }
    if (rows.size() == 1 && !rows.getFirst().chunk().equals(blob)) {
      return Optional.of("its only chunk " + rows.getFirst().chunk().toHex()
          + " is not the blob itself");
    }
    return Optional.empty();
  }
}
