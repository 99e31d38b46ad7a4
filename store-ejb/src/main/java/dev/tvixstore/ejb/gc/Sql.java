package dev.tvixstore.ejb.gc;

import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.error.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** JDBC through {@link Transactions}, for the GC's set-based statements. */
final class Sql {
  /** Work on one connection in one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final Transactions transactions;

  Sql(Transactions transactions) {
    this.transactions = transactions;
  }

  /**
   * Runs {@code work} in a transaction of its own (retried on conflicts). A {@link
   * StoreException} that {@code work} throws reaches the caller unwrapped (Hibernate wraps what a
   * connection callback throws).
   */
  <T> T tx(Work<T> work) {
    try {
      return transactions.inTransaction(em -> em.callWithConnection(work::run));
    } catch (StoreException e) {
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof StoreException domain) {
          throw domain;
        }
      }
      throw e;
    }
  }

  /** Runs one statement in a transaction of its own; returns its update count. */
  int update(String sql, Object... params) {
    return tx(c -> update(c, sql, params));
  }

  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, params);
      return s.executeUpdate();
    }
  }

  /** A single number (count or sum; null counts as 0). */
  long number(String sql, Object... params) {
    return tx(c -> number(c, sql, params));
  }

  static long number(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, params);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** The first row's columns as numbers (SQL null as 0), e.g. several aggregates of one scan. */
  long[] numbers(String sql, Object... params) {
    return tx(c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        bind(s, params);
        try (ResultSet rs = s.executeQuery()) {
          long[] row = new long[rs.getMetaData().getColumnCount()];
          if (rs.next()) {
            for (int i = 0; i < row.length; i++) {
              row[i] = rs.getLong(i + 1);
            }
          }
          return row;
        }
      }
    });
  }

  static void bind(PreparedStatement s, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      s.setObject(i + 1, p instanceof Instant t ? timestamp(t) : p);
    }
  }

  static OffsetDateTime timestamp(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** The database's clock. */
  Instant databaseNow() {
    return tx(
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT CURRENT_TIMESTAMP");
              ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
          }
        });
  }
}
