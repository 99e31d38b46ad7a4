package dev.tvixstore.ejb.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Marks rows of {@code directory}, {@code blob} or {@code chunk} as re-used now: a running garbage
 * collection never deletes a row touched after its cutoff, and the update's row lock orders the
 * touch against GC's delete of the same row (protocol in {@code dev.tvixstore.ejb.gc}).
 */
public final class Touch {
  private static final List<String> TABLES = List.of("directory", "blob", "chunk");

  private Touch() {}

  /**
   * Touches the rows keyed by {@code digests} (pass them in key order: concurrent transactions
   * then lock rows in one order) in the caller's transaction.
   *
   * @return for each digest, whether its row exists (and is now touched and locked)
   */
  public static boolean[] rows(Connection c, String table, List<byte[]> digests)
      throws SQLException {
    if (!TABLES.contains(table)) {
      throw new IllegalArgumentException("no touched_at in table " + table);
    }
    boolean[] found = new boolean[digests.size()];
    if (digests.isEmpty()) {
      return found;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE " + table + " SET touched_at = CURRENT_TIMESTAMP WHERE digest = ?")) {
      for (byte[] d : digests) {
        s.setBytes(1, d);
        s.addBatch();
      }
      int[] counts = s.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        found[i] = counts[i] > 0;
      }
    }
    return found;
  }
}
