package dev.tvixstore.ejb.scrub;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.ejb.persistence.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The record of scrub runs and what they found: tables {@code scrub_run}, {@code scrub_damage} and
 * {@code scrub_damage_path} (migration V5), in plain JDBC through the EntityManager's connection,
 * each call one transaction.
 */
public final class ScrubRunLog {
  private static final String RUN_COLUMNS =
      "id, state, phase, started_at, finished_at, rate_bytes_per_second, chunks_total,"
          + " chunks_done, chunk_bytes, blobs_total, blobs_done, directories_total,"
          + " directories_done, damage_count, error_count, error";
  private static final String PROGRESS =
      "phase = ?, chunks_total = ?, chunks_done = ?, chunk_bytes = ?, blobs_total = ?,"
          + " blobs_done = ?, directories_total = ?, directories_done = ?, damage_count = ?,"
          + " error_count = ?, error = ?";

  /** SQL work on one connection. */
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final Transactions transactions;

  /** A log in the database {@code transactions} reach. */
  public ScrubRunLog(Transactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  private <T> T jdbc(Work<T> work) {
    return transactions.inTransaction(em -> em.callWithConnection((Connection c) -> work.run(c)));
  }

  /**
   * Records a new run, {@code running} from {@code now}; a run still marked running is from a
   * process that died (the caller runs one at a time) and becomes {@code interrupted}.
   *
   * @return the new run's id
   */
  public long create(long rateBytesPerSecond, Instant now) {
    return jdbc(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE scrub_run SET state = ?, finished_at = ?, error = ? WHERE state = ?")) {
        s.setString(1, ScrubRun.INTERRUPTED);
        s.setObject(2, time(now));
        s.setString(3, "the server stopped while it ran");
        s.setString(4, ScrubRun.RUNNING);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO scrub_run (started_at, state, phase, rate_bytes_per_second, chunks_total,"
              + " chunks_done, chunk_bytes, blobs_total, blobs_done, directories_total,"
              + " directories_done, damage_count, error_count)"
              + " VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0)",
          new String[] {"id"})) {
        s.setObject(1, time(now));
        s.setString(2, ScrubRun.RUNNING);
        s.setString(3, ScrubProgress.Phase.CHUNKS.label());
        s.setLong(4, rateBytesPerSecond);
        s.executeUpdate();
        try (ResultSet keys = s.getGeneratedKeys()) {
          keys.next();
          return keys.getLong(1);
        }
      }
    });
  }

  /** Records where the run is. */
  void progress(long run, ScrubProgress p) {
    jdbc(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE scrub_run SET " + PROGRESS + " WHERE id = ?")) {
        setProgress(s, p);
        s.setLong(12, run);
        return s.executeUpdate();
      }
    });
  }

  /** Records how the run ended. */
  void finish(long run, String state, ScrubProgress p, String error, Instant now) {
    jdbc(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE scrub_run SET " + PROGRESS + ", state = ?, finished_at = ? WHERE id = ?")) {
        setProgress(s, p);
        s.setString(11, cut(error, 2000));
        s.setString(12, state);
        s.setObject(13, time(now));
        s.setLong(14, run);
        return s.executeUpdate();
      }
    });
  }

  private static void setProgress(PreparedStatement s, ScrubProgress p) throws SQLException {
    s.setString(1, p.phase.label());
    s.setLong(2, p.chunksTotal);
    s.setLong(3, p.chunksDone);
    s.setLong(4, p.chunkBytes);
    s.setLong(5, p.blobsTotal);
    s.setLong(6, p.blobsDone);
    s.setLong(7, p.directoriesTotal);
    s.setLong(8, p.directoriesDone);
    s.setLong(9, p.damageCount);
    s.setLong(10, p.errorCount);
    s.setString(11, cut(p.lastError, 2000));
  }

  /** Records damage the run found. */
  void addDamage(long run, List<Damage> damage, Instant now) {
    jdbc(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO scrub_damage (run_id, kind, digest, problem, detail, found_at)"
              + " VALUES (?, ?, ?, ?, ?, ?)")) {
        for (Damage d : damage) {
          s.setLong(1, run);
          s.setString(2, d.kind().label());
          s.setBytes(3, d.digest().toBytes());
          s.setString(4, d.problem());
          s.setString(5, d.detail());
          s.setObject(6, time(now));
          s.addBatch();
        }
        return s.executeBatch();
      }
    });
  }

  /** Records the store paths each damaged object breaks. */
  void addPaths(long run, Map<Damage.Key, SortedSet<String>> paths) {
    jdbc(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO scrub_damage_path (run_id, kind, digest, store_path) VALUES (?, ?, ?, ?)")) {
        for (Map.Entry<Damage.Key, SortedSet<String>> e : paths.entrySet()) {
          for (String path : e.getValue()) {
            s.setLong(1, run);
            s.setString(2, e.getKey().kind().label());
            s.setBytes(3, e.getKey().digest().toBytes());
            s.setString(4, path);
            s.addBatch();
          }
        }
        return s.executeBatch();
      }
    });
  }

  /**
   * After run {@code run} checked everything: the open damage of earlier runs that it recorded
   * again is {@code found-again}, the rest {@code healed}.
   *
   * @return the chunks now healed, whose quarantined files may go
   */
  List<B3Digest> resolveEarlier(long run, Instant now) {
    return jdbc(c -> {
      String open = " WHERE resolved_at IS NULL AND run_id <> ?";
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE scrub_damage SET resolved_at = ?, resolution = ?" + open
              + " AND EXISTS (SELECT 1 FROM scrub_damage n WHERE n.run_id = ?"
              + " AND n.kind = scrub_damage.kind AND n.digest = scrub_damage.digest)")) {
        s.setObject(1, time(now));
        s.setString(2, ScrubDamage.FOUND_AGAIN);
        s.setLong(3, run);
        s.setLong(4, run);
        s.executeUpdate();
      }
      List<B3Digest> healedChunks = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT DISTINCT digest FROM scrub_damage" + open + " AND kind = ?")) {
        s.setLong(1, run);
        s.setString(2, DamageKind.CHUNK.label());
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            healedChunks.add(B3Digest.of(rs.getBytes(1)));
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE scrub_damage SET resolved_at = ?, resolution = ?" + open)) {
        s.setObject(1, time(now));
        s.setString(2, ScrubDamage.HEALED);
        s.setLong(3, run);
        s.executeUpdate();
      }
      return healedChunks;
    });
  }

  /** The latest runs, newest first. */
  public List<ScrubRun> runs(int limit) {
    return jdbc(c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT " + RUN_COLUMNS
              + " FROM scrub_run ORDER BY id DESC FETCH FIRST " + Math.max(1, limit)
              + " ROWS ONLY")) {
        List<ScrubRun> runs = new ArrayList<>();
        while (rs.next()) {
          runs.add(run(rs));
        }
        return runs;
      }
    });
  }

  /** One run, empty if there is no such run. */
  public Optional<ScrubRun> run(long id) {
    return jdbc(c -> {
      try (PreparedStatement s =
          c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM scrub_run WHERE id = ?")) {
        s.setLong(1, id);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.of(run(rs)) : Optional.<ScrubRun>empty();
        }
      }
    });
  }

  /** What run {@code id} found, chunks first, each with the paths it breaks. */
  public List<ScrubDamage> damage(long id) {
    return damage(id, Integer.MAX_VALUE);
  }

  /**
   * The first {@code limit} objects run {@code id} found damaged (in the order of {@link
   * #damage(long)}), each with the paths it breaks: after a disk failure that may be every chunk,
   * more than a page can show.
   */
  public List<ScrubDamage> damage(long id, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    return jdbc(c -> {
      Map<String, List<String>> paths = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement("SELECT p.kind, p.digest, p.store_path"
          + " FROM scrub_damage_path p JOIN (SELECT kind, digest FROM scrub_damage"
          + " WHERE run_id = ? ORDER BY kind, digest FETCH FIRST ? ROWS ONLY) d"
          + " ON p.kind = d.kind AND p.digest = d.digest"
          + " WHERE p.run_id = ? ORDER BY p.store_path")) {
        s.setLong(1, id);
        s.setInt(2, limit);
        s.setLong(3, id);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            paths.computeIfAbsent(rs.getString(1) + B3Digest.of(rs.getBytes(2)).toHex(),
                k -> new ArrayList<>()).add(rs.getString(3));
          }
        }
      }
      List<ScrubDamage> damage = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT kind, digest, problem, detail,"
          + " found_at, resolved_at, resolution FROM scrub_damage WHERE run_id = ?"
          + " ORDER BY kind, digest FETCH FIRST ? ROWS ONLY")) {
        s.setLong(1, id);
        s.setInt(2, limit);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            String hex = B3Digest.of(rs.getBytes(2)).toHex();
            damage.add(new ScrubDamage(rs.getString(1), hex, rs.getString(3), rs.getString(4),
                instant(rs, 5), instant(rs, 6), rs.getString(7),
                paths.getOrDefault(rs.getString(1) + hex, List.of())));
          }
        }
      }
      return damage;
    });
  }

  private static ScrubRun run(ResultSet rs) throws SQLException {
    return new ScrubRun(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4),
        instant(rs, 5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
        rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14),
        rs.getLong(15), rs.getString(16));
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
