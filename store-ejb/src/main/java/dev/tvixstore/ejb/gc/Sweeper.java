package dev.tvixstore.ejb.gc;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.ejb.blob.ChunkFileStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The row sweep after a mark, and the dry run's count of it. Each table's candidates are found in
 * one set-based statement into {@code gc_candidate}, then deleted in keyset pages; each delete is
 * guarded in its own statement (package protocol), so rows a writer touched or
 * referenced meanwhile stay.
 */
final class Sweeper {
  /** Rows per page and per delete batch. */
  static final int PAGE = 1000;

  private static final String DEAD_DIRECTORIES =
      " FROM directory d WHERE d.touched_at < ? AND NOT EXISTS"
          + " (SELECT 1 FROM gc_live_directory l WHERE l.digest = d.digest)";
  private static final String DEAD_BLOBS =
      " FROM blob b WHERE b.touched_at < ? AND NOT EXISTS"
          + " (SELECT 1 FROM gc_live_blob l WHERE l.digest = b.digest)";
  private static final String UNREFERENCED_CHUNKS =
      " FROM chunk c WHERE c.touched_at < ? AND NOT EXISTS"
          + " (SELECT 1 FROM blob_chunk bc WHERE bc.chunk_digest = c.digest)";
  /** For the dry run: chunks no surviving blob (marked or young) holds. */
  private static final String DEAD_CHUNKS =
      " FROM chunk c WHERE c.touched_at < ? AND NOT EXISTS (SELECT 1 FROM blob_chunk bc"
          + " JOIN blob b ON b.digest = bc.blob_digest WHERE bc.chunk_digest = c.digest"
          + " AND (b.touched_at >= ? OR EXISTS"
          + " (SELECT 1 FROM gc_live_blob l WHERE l.digest = b.digest)))";
  private static final String DEAD_UPLOADS =
      " FROM nar_upload u WHERE u.created_at < ? AND NOT EXISTS"
          + " (SELECT 1 FROM path_info p WHERE p.nar_sha256 = u.nar_sha256)";

  private static final String DELETE_DIRECTORY =
      "DELETE FROM directory WHERE digest = ? AND touched_at < ? AND NOT EXISTS"
          + " (SELECT 1 FROM directory_edge e WHERE e.child_digest = directory.digest)";
  private static final String DELETE_BLOB =
      "DELETE FROM blob WHERE digest = ? AND touched_at < ? AND NOT EXISTS"
          + " (SELECT 1 FROM directory_blob db WHERE db.blob_digest = blob.digest)";
  private static final String DELETE_CHUNK =
      "DELETE FROM chunk WHERE digest = ? AND touched_at < ? AND NOT EXISTS"
          + " (SELECT 1 FROM blob_chunk bc WHERE bc.chunk_digest = chunk.digest)";

  private static final String DELETE_UPLOADS =
      "DELETE FROM nar_upload WHERE created_at < ? AND NOT EXISTS"
          + " (SELECT 1 FROM path_info p WHERE p.nar_sha256 = nar_upload.nar_sha256)";

  private final Sql sql;
  private final Marker.Progress progress;
  private final GcHooks hooks;

  Sweeper(Sql sql, Marker.Progress progress, GcHooks hooks) {
    this.sql = sql;
    this.progress = progress;
    this.hooks = hooks;
  }

  /** The dry run: what {@link #directories} .. {@link #uploads} would free in a quiet store. */
  GcFreed count(Instant rowCutoff) {
    long dirs = sql.number("SELECT COUNT(*)" + DEAD_DIRECTORIES, rowCutoff);
    long blobs = sql.number("SELECT COUNT(*)" + DEAD_BLOBS, rowCutoff);
    // The costliest question of the dry run: both answers from one scan of the chunks.
    long[] chunks =
        sql.numbers("SELECT COUNT(*), SUM(c.stored_size)" + DEAD_CHUNKS, rowCutoff, rowCutoff);
    long uploads = sql.number("SELECT COUNT(*)" + DEAD_UPLOADS, rowCutoff);
    return new GcFreed(dirs, blobs, chunks[0], chunks[1], 0, 0, uploads);
  }

  /** Deletes unmarked directories in passes, parents before children; returns how many. */
  long directories(Instant rowCutoff) {
    long total = candidates("SELECT d.digest" + DEAD_DIRECTORIES, rowCutoff);
    long deleted = 0;
    while (true) {
      long pass = 0;
      byte[] after = new byte[0];
      while (true) {
        List<byte[]> page = page(after);
        if (page.isEmpty()) {
          break;
        }
        pass += deleteEach(DELETE_DIRECTORY, page, rowCutoff).size();
        after = page.getLast();
        progress.report(GcPhase.SWEEP_DIRECTORIES, deleted + pass, total);
      }
      deleted += pass;
      if (pass == 0) {
        return deleted;
      }
    }
  }

  /** Deletes unmarked blobs no directory names; their blob_chunk rows go with them. */
  long blobs(Instant rowCutoff) {
    long total = candidates("SELECT b.digest" + DEAD_BLOBS, rowCutoff);
    long deleted = 0;
    byte[] after = new byte[0];
    while (true) {
      List<byte[]> page = page(after);
      if (page.isEmpty()) {
        return deleted;
      }
      deleted += deleteEach(DELETE_BLOB, page, rowCutoff).size();
      after = page.getLast();
      progress.report(GcPhase.SWEEP_BLOBS, deleted, total);
    }
  }

  /**
   * Deletes chunk rows no blob holds, then their files (rows first: package protocol).
   *
   * @return the freed counts, chunks and bytes only
   */
  GcFreed chunks(Instant rowCutoff, ChunkFileStore store, ChunkTrash trash, Instant fileCutoff) {
    long total = candidates("SELECT c.digest" + UNREFERENCED_CHUNKS, rowCutoff);
    long deleted = 0;
    long bytes = 0;
    byte[] after = new byte[0];
    while (true) {
      List<byte[]> page = page(after);
      if (page.isEmpty()) {
        return GcFreed.NONE.withChunks(deleted, bytes);
      }
      List<byte[]> gone = deleteEach(DELETE_CHUNK, page, rowCutoff);
      hooks.at(GcHooks.CHUNK_ROWS_DELETED);
      for (byte[] d : gone) {
        OptionalLong freed = trash.remove(store.pathOf(B3Digest.of(d)), fileCutoff);
        bytes += freed.orElse(0);
      }
      deleted += gone.size();
      after = page.getLast();
      progress.report(GcPhase.SWEEP_CHUNKS, deleted, total);
    }
  }

  /** Deletes old upload records whose narinfo never came. */
  long uploads(Instant rowCutoff) {
    return sql.update(DELETE_UPLOADS, rowCutoff);
  }

  /** Replaces the candidates with what {@code query} selects; returns how many. */
  private long candidates(String query, Instant cutoff) {
    return sql.tx(c -> {
      Sql.update(c, "DELETE FROM gc_candidate");
      return (long) Sql.update(c, "INSERT INTO gc_candidate (digest) " + query, cutoff);
    });
  }

  /** The next page of candidates after {@code after}, in key order. */
  private List<byte[]> page(byte[] after) {
    return sql.tx(c -> Marker.rows(c, "SELECT digest FROM gc_candidate WHERE digest > ?"
        + " ORDER BY digest FETCH FIRST " + PAGE + " ROWS ONLY", (Object) after)
        .stream().map(r -> (byte[]) r[0]).toList());
  }

  /** Runs a guarded delete per key in one transaction; returns the keys it deleted. */
  private List<byte[]> deleteEach(String delete, List<byte[]> keys, Instant cutoff) {
    return sql.tx(c -> deleteEach(c, delete, keys, cutoff));
  }

  private static List<byte[]> deleteEach(
      Connection c, String delete, List<byte[]> keys, Instant cutoff) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(delete)) {
      for (byte[] k : keys) {
        Sql.bind(s, k, cutoff);
        s.addBatch();
      }
      int[] counts = s.executeBatch();
      List<byte[]> deleted = new ArrayList<>();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] > 0) {
          deleted.add(keys.get(i));
        }
      }
      return deleted;
    }
  }
}
