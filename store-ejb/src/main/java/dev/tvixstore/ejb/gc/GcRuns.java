package dev.tvixstore.ejb.gc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The record of GC runs (table {@code gc_run}): each written in a transaction of its own. */
final class GcRuns {
  private static final String COLUMNS =
      "id, dry_run, state, phase, done, total, started_at, finished_at, cutoff, directories,"
          + " blobs, chunks, chunk_bytes, orphan_files, orphan_bytes, uploads, error";
  static final int MAX_ERROR = 2000;

  private final Sql sql;

  GcRuns(Sql sql) {
    this.sql = sql;
  }

  /** Records a new run as RUNNING and returns its id. */
  long start(boolean dryRun, Instant startedAt, Instant cutoff) {
    return sql.tx(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO gc_run (dry_run, state, phase, started_at, cutoff)"
                      + " VALUES (?, ?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            Sql.bind(s, dryRun, GcState.RUNNING.name(), GcPhase.STARTING.name(), startedAt,
                cutoff);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
              keys.next();
              return keys.getLong(1);
            }
          }
        });
  }

  /** Marks runs still RUNNING as INTERRUPTED: call when no run of this JVM is active. */
  int interruptStale(Instant now) {
    return sql.update(
        "UPDATE gc_run SET state = ?, finished_at = ?, error = ? WHERE state = ?",
        GcState.INTERRUPTED.name(), now, "the server stopped while this run was going",
        GcState.RUNNING.name());
  }

  void progress(long id, GcPhase phase, long done, long total, GcFreed freed) {
    sql.update(
        "UPDATE gc_run SET phase = ?, done = ?, total = ?, directories = ?, blobs = ?,"
            + " chunks = ?, chunk_bytes = ?, orphan_files = ?, orphan_bytes = ?, uploads = ?"
            + " WHERE id = ?",
        phase.name(), done, total, freed.directories(), freed.blobs(), freed.chunks(),
        freed.chunkBytes(), freed.orphanFiles(), freed.orphanBytes(), freed.uploads(), id);
  }

  void finish(long id, GcState state, GcFreed freed, String error, Instant now) {
    String e = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    sql.update(
        "UPDATE gc_run SET state = ?, finished_at = ?, error = ?, directories = ?, blobs = ?,"
            + " chunks = ?, chunk_bytes = ?, orphan_files = ?, orphan_bytes = ?, uploads = ?"
            + " WHERE id = ?",
        state.name(), now, e, freed.directories(), freed.blobs(), freed.chunks(),
        freed.chunkBytes(), freed.orphanFiles(), freed.orphanBytes(), freed.uploads(), id);
  }

  Optional<GcRun> get(long id) {
    return sql.tx(c -> query(c, "SELECT " + COLUMNS + " FROM gc_run WHERE id = ?", id))
        .stream()
        .findFirst();
  }

  /** The newest runs first. */
  List<GcRun> latest(int limit) {
    return sql.tx(
        c -> query(c, "SELECT " + COLUMNS + " FROM gc_run ORDER BY id DESC FETCH FIRST "
            + limit + " ROWS ONLY"));
  }

  private static List<GcRun> query(Connection c, String query, Object... params)
      throws SQLException {
    List<GcRun> runs = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(query)) {
      Sql.bind(s, params);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          runs.add(
              new GcRun(
                  rs.getLong("id"),
                  rs.getBoolean("dry_run"),
                  GcState.valueOf(rs.getString("state")),
                  GcPhase.valueOf(rs.getString("phase")),
                  rs.getLong("done"),
                  rs.getLong("total"),
                  Sql.instant(rs, "started_at"),
                  Sql.instant(rs, "finished_at"),
                  Sql.instant(rs, "cutoff"),
                  new GcFreed(
                      rs.getLong("directories"),
                      rs.getLong("blobs"),
                      rs.getLong("chunks"),
                      rs.getLong("chunk_bytes"),
                      rs.getLong("orphan_files"),
                      rs.getLong("orphan_bytes"),
                      rs.getLong("uploads")),
                  rs.getString("error")));
        }
      }
    }
    return runs;
  }
}
