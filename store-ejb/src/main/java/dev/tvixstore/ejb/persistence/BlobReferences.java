package dev.tvixstore.ejb.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a new reference to a blob (a file node of a new directory, a path's root file) does to its
 * rows, so that a running garbage collection keeps the blob (protocol in {@code
 * dev.tvixstore.ejb.gc}).
 *
 * <p>A blob that fits in one chunk has the digest of that chunk, and the blob service answers for
 * a chunk digest as for a blob (tvix clients read chunks that way). So a content check can find
 * such a blob present through its chunk row alone, after a GC deleted the blob row as
 * unreferenced and before it deletes the chunk row. GC protects chunks only through {@code
 * blob_chunk}; a reference that settled for the chunk row would lose the content at the end of
 * that very run. Here the blob row is written back from the chunk instead, exactly as the writer
 * wrote it first, and the chunk is touched, so the row lock and the new time keep GC off both.
 */
public final class BlobReferences {
  private static final String CHUNK_SIZE = "SELECT size FROM chunk WHERE digest = ?";
  private static final String INSERT_SOLE_CHUNK =
      "INSERT INTO blob_chunk (blob_digest, idx, chunk_digest, chunk_offset) VALUES (?, 0, ?, 0)";

  private BlobReferences() {}

  /**
   * Touches the blob rows of {@code digests} (in key order), restoring the row of a blob found
   * only as its single chunk, in the caller's transaction.
   *
   * @return for each digest, whether it is stored as a blob now (and touched)
   */
  public static boolean[] touch(Connection c, List<byte[]> digests) throws SQLException {
    boolean[] found = Touch.rows(c, "blob", digests);
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      if (!found[i]) {
        missing.add(i);
      }
    }
    if (missing.isEmpty()) {
      return found;
    }
    List<byte[]> keys = missing.stream().map(digests::get).toList();
    boolean[] chunks = Touch.rows(c, "chunk", keys);
    for (int j = 0; j < keys.size(); j++) {
      if (chunks[j]) {
        restore(c, keys.get(j));
        found[missing.get(j)] = true;
      }
    }
    return found;
  }

  /** Writes the blob row and sole blob_chunk row of a blob stored as one chunk (touched). */
  private static void restore(Connection c, byte[] digest) throws SQLException {
    long size;
    try (PreparedStatement s = c.prepareStatement(CHUNK_SIZE)) {
      s.setBytes(1, digest);
      try (ResultSet rs = s.executeQuery()) {
        rs.next(); // the touch locked the row: it is there
        size = rs.getLong(1);
      }
    }
    boolean inserted;
    try (InsertIfAbsent blob = InsertIfAbsent.prepare(c, "blob", "digest", "size")) {
      blob.add(digest, size);
      inserted = blob.execute()[0];
    }
    if (inserted) {
      try (PreparedStatement s = c.prepareStatement(INSERT_SOLE_CHUNK)) {
        s.setBytes(1, digest);
        s.setBytes(2, digest);
        s.executeUpdate();
      }
    }
  }
}
