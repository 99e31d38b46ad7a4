package dev.tvixstore.ejb.gc;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.CastoreProto;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.SymlinkNode;
import dev.tvixstore.ejb.persistence.InsertIfAbsent;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.InvalidRequestException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The mark phase: backfills {@code directory_blob}, then fills {@code gc_live_directory} and
 * {@code gc_live_blob} with what the roots reach, in pages and set-based statements.
 */
final class Marker {
  /** Rows per page of roots and of the backfill. */
  static final int PAGE = 1000;

  private static final String ROOT_PATHS =
      "SELECT digest, root_node FROM path_info WHERE digest > ? ORDER BY digest"
          + " FETCH FIRST " + PAGE + " ROWS ONLY";
  private static final String ROOT_UPLOADS =
      "SELECT file_sha256, root_node FROM nar_upload WHERE file_sha256 > ? AND created_at >= ?"
          + " ORDER BY file_sha256 FETCH FIRST " + PAGE + " ROWS ONLY";
  private static final String UNINDEXED =
      "SELECT digest, encoded FROM directory WHERE digest > ? AND blobs_indexed = FALSE"
          + " ORDER BY digest FETCH FIRST " + PAGE + " ROWS ONLY";
  private static final String YOUNG_DIRECTORIES =
      "INSERT INTO gc_live_directory (digest, depth) SELECT d.digest, 0 FROM directory d"
          + " WHERE d.touched_at >= ? AND NOT EXISTS"
          + " (SELECT 1 FROM gc_live_directory x WHERE x.digest = d.digest)";
  private static final String NEXT_DEPTH =
      "INSERT INTO gc_live_directory (digest, depth)"
          + " SELECT DISTINCT e.child_digest, ? FROM directory_edge e"
          + " JOIN gc_live_directory l ON l.digest = e.parent_digest"
          + " WHERE l.depth = ? AND NOT EXISTS"
          + " (SELECT 1 FROM gc_live_directory x WHERE x.digest = e.child_digest)";
  private static final String LIVE_BLOBS =
      "INSERT INTO gc_live_blob (digest) SELECT DISTINCT db.blob_digest FROM directory_blob db"
          + " JOIN gc_live_directory l ON l.digest = db.directory_digest WHERE NOT EXISTS"
          + " (SELECT 1 FROM gc_live_blob x WHERE x.digest = db.blob_digest)";

  /** Reports progress: units done in the current phase. */
  @FunctionalInterface
  interface Progress {
    void report(GcPhase phase, long done, long total);
  }

  private final Sql sql;
  private final Progress progress;

  Marker(Sql sql, Progress progress) {
    this.sql = sql;
    this.progress = progress;
  }

  /**
   * Gives every directory stored before V4 its {@code directory_blob} rows; idempotent, and a
   * crashed run's work is kept page by page.
   *
   * @return how many directories it indexed
   */
  long backfill() {
    long done = 0;
    byte[] after = new byte[0];
    while (true) {
      byte[] from = after;
      List<Object[]> page = sql.tx(c -> rows(c, UNINDEXED, from));
      if (page.isEmpty()) {
        return done;
      }
      sql.tx(c -> indexBlobs(c, page));
      done += page.size();
      after = (byte[]) page.getLast()[0];
      progress.report(GcPhase.BACKFILL, done, 0);
    }
  }

  private static int indexBlobs(Connection c, List<Object[]> page) throws SQLException {
    try (InsertIfAbsent edges =
            InsertIfAbsent.prepare(
                c, "directory_blob", List.of("directory_digest", "blob_digest"), List.of());
        PreparedStatement flag =
            c.prepareStatement("UPDATE directory SET blobs_indexed = TRUE WHERE digest = ?")) {
      for (Object[] row : page) {
        byte[] digest = (byte[]) row[0];
        SortedSet<B3Digest> blobs = new TreeSet<>();
        for (FileNode f : parse(digest, (byte[]) row[1]).files()) {
          blobs.add(f.digest());
        }
        for (B3Digest b : blobs) {
          edges.addRow(digest, b.toBytes());
        }
        flag.setBytes(1, digest);
        flag.addBatch();
      }
      edges.execute();
      flag.executeBatch();
      return page.size();
    }
  }

  private static Directory parse(byte[] digest, byte[] encoded) {
    try {
      return Directory.parse(encoded);
    } catch (InvalidRequestException e) {
      throw new DataLossException(
          "stored directory " + B3Digest.of(digest) + " does not parse: " + e.getMessage(), e);
    }
  }

  /**
   * Marks from scratch what the roots reach: path roots, uploads created at or after {@code
   * rowCutoff}, directories touched at or after it.
   *
   * @return how many directories are live
   */
  long mark(Instant rowCutoff) {
    sql.update("DELETE FROM gc_live_blob");
    sql.update("DELETE FROM gc_live_directory");
    long roots = markRoots(ROOT_PATHS, null);
    roots += markRoots(ROOT_UPLOADS, rowCutoff);
    sql.update(YOUNG_DIRECTORIES, rowCutoff);
    long live = sql.number("SELECT COUNT(*) FROM gc_live_directory");
    for (int depth = 0; ; depth++) {
      int added = sql.update(NEXT_DEPTH, depth + 1, depth);
      live += added;
      progress.report(GcPhase.MARK, live, 0);
      if (added == 0) {
        break;
      }
    }
    sql.update(LIVE_BLOBS);
    progress.report(GcPhase.MARK, live + roots, 0);
    return live;
  }

  private long markRoots(String query, Instant cutoff) {
    long n = 0;
    byte[] after = new byte[0];
    while (true) {
      byte[] from = after;
      List<Object[]> page = sql.tx(c -> cutoff == null ? rows(c, query, from)
          : rows(c, query, from, cutoff));
      if (page.isEmpty()) {
        return n;
      }
      SortedSet<B3Digest> dirs = new TreeSet<>();
      SortedSet<B3Digest> blobs = new TreeSet<>();
      for (Object[] row : page) {
        Node node = CastoreProto.parseNode((byte[]) row[1]);
        switch (node) {
          case DirectoryNode d -> dirs.add(d.digest());
          case FileNode f -> blobs.add(f.digest());
          case SymlinkNode s -> { }
        }
      }
      sql.tx(
          c -> {
            insertLive(c, "gc_live_directory", dirs, true);
            return insertLive(c, "gc_live_blob", blobs, false);
          });
      n += page.size();
      after = (byte[]) page.getLast()[0];
      progress.report(GcPhase.MARK, n, 0);
    }
  }

  private static int insertLive(
      Connection c, String table, SortedSet<B3Digest> digests, boolean withDepth)
      throws SQLException {
    try (InsertIfAbsent rows =
        withDepth
            ? InsertIfAbsent.prepare(c, table, "digest", "depth")
            : InsertIfAbsent.prepare(c, table, "digest")) {
      for (B3Digest d : digests) {
        if (withDepth) {
          rows.add(d.toBytes(), 0);
        } else {
          rows.add(d.toBytes());
        }
      }
      return rows.execute().length;
    }
  }

  static List<Object[]> rows(Connection c, String query, Object... params) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(query)) {
      Sql.bind(s, params);
      try (ResultSet rs = s.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Object[] row = new Object[n];
          for (int i = 0; i < n; i++) {
            row[i] = rs.getObject(i + 1);
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }
}
