package dev.tvixstore.ejb.stats;

import dev.tvixstore.ejb.persistence.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Measures the store ({@link #measure}), keeps samples in {@code stats_sample} and reads them
 * back. Each measure is four counts and four sums over the metadata tables: meant for every few
 * minutes and for a console refresh, not for every request. Plain JDBC through {@link
 * Transactions}, so the same on H2 and PostgreSQL.
 */
public final class StatsSamples {
  private static final String MEASURE =
      "SELECT (SELECT COUNT(*) FROM path_info), (SELECT COUNT(*) FROM directory),"
          + " (SELECT COUNT(*) FROM blob), (SELECT COUNT(*) FROM chunk),"
          + " (SELECT COALESCE(SUM(nar_size), 0) FROM path_info),"
          + " (SELECT COALESCE(SUM(size), 0) FROM blob),"
          + " (SELECT COALESCE(SUM(size), 0) FROM chunk),"
          + " (SELECT COALESCE(SUM(stored_size), 0) FROM chunk)";
  private static final String COLUMNS =
      "sampled_at, paths, directories, blobs, chunks, nar_bytes, blob_bytes, chunk_bytes,"
          + " stored_bytes, nars_served";

  private final Transactions transactions;

  public StatsSamples(Transactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /** What the store holds now, stamped {@code at}, with no downloads counted. */
  public StatsSample measure(Instant at) {
    return connection(c -> {
      try (PreparedStatement s = c.prepareStatement(MEASURE);
          ResultSet rs = s.executeQuery()) {
        rs.next();
        return new StatsSample(at, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
            rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), 0);
      }
    });
  }

  /** Stores {@code sample}; a second sample of the same instant is ignored. */
  public void record(StatsSample sample) {
    connection(c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO stats_sample (" + COLUMNS
          + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
          + " (SELECT 1 FROM stats_sample WHERE sampled_at = ?)")) {
        OffsetDateTime at = utc(sample.sampledAt());
        s.setObject(1, at);
        long[] values = {sample.paths(), sample.directories(), sample.blobs(), sample.chunks(),
            sample.narBytes(), sample.blobBytes(), sample.chunkBytes(), sample.storedBytes(),
            sample.narsServed()};
        for (int i = 0; i < values.length; i++) {
          s.setLong(i + 2, values[i]);
        }
        s.setObject(11, at);
        return s.executeUpdate();
      }
    });
  }

  /**
   * Samples taken at or after {@code since}, oldest first; at most {@code max}, evenly thinned
   * when there are more (every n-th), so a plot of a long period stays small.
   */
  public List<StatsSample> since(Instant since, int max) {
    if (max < 2) {
      throw new IllegalArgumentException("max must be at least 2, got " + max);
    }
    return connection(c -> {
      long n = number(c, "SELECT COUNT(*) FROM stats_sample WHERE sampled_at >= ?", since);
      long step = Math.max(1, (n + max - 1) / max);
      List<StatsSample> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
          + " FROM stats_sample WHERE sampled_at >= ? ORDER BY sampled_at")) {
        s.setObject(1, utc(since));
        try (ResultSet rs = s.executeQuery()) {
          for (long i = 0; rs.next(); i++) {
            if (i % step == 0 || i == n - 1) {
              out.add(read(rs));
            }
          }
        }
      }
      return out;
    });
  }

  /** Paths stored at or after {@code since} (uploads, as the cache recorded them). */
  public long pathsStoredSince(Instant since) {
    return connection(c -> number(c, "SELECT COUNT(*) FROM path_info WHERE created_at >= ?",
        since));
  }

  /** NAR downloads recorded by samples taken after {@code since}. */
  public long narsServedSince(Instant since) {
    return connection(c -> number(c,
        "SELECT COALESCE(SUM(nars_served), 0) FROM stats_sample WHERE sampled_at > ?", since));
  }

  /** Deletes samples taken before {@code before}; returns how many. */
  public int deleteBefore(Instant before) {
    return connection(c -> {
      try (PreparedStatement s =
          c.prepareStatement("DELETE FROM stats_sample WHERE sampled_at < ?")) {
        s.setObject(1, utc(before));
        return s.executeUpdate();
      }
    });
  }

  private static StatsSample read(ResultSet rs) throws SQLException {
    return new StatsSample(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getLong(2),
        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
        rs.getLong(9), rs.getLong(10));
  }

  private static long number(Connection c, String sql, Instant at) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, utc(at));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T connection(SqlWork<T> work) {
    return transactions.inTransaction(em -> em.callWithConnection((Connection c) -> work.run(c)));
  }
}
