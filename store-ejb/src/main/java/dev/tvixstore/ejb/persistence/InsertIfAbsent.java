package dev.tvixstore.ejb.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A JDBC batch of inserts into one table that skip rows whose key is present, so that concurrent
 * writers of the same chunk, blob or directory never fail and never duplicate a row.
 *
 * <p>PostgreSQL: {@code INSERT ... ON CONFLICT (key) DO NOTHING}, which waits for a concurrent
 * insert of the key and then skips. H2 has no such clause outside its PostgreSQL mode: {@code
 * INSERT ... SELECT ... WHERE NOT EXISTS}, and a concurrent insert of the key makes it wait and
 * then fail with a unique violation, which {@link Transactions} answers by running the whole
 * transaction again (it then sees the row). Add rows in key order: concurrent transactions then
 * lock keys in one order and cannot deadlock.
 *
 * <p>Table and column names are constants of the callers, never input.
 */
public final class InsertIfAbsent implements AutoCloseable {
  private final PreparedStatement statement;
  private final int keys;
  private final int columns;
  private final boolean keysTwice;
  private int rows;

  private InsertIfAbsent(PreparedStatement statement, int keys, int columns, boolean keysTwice) {
    this.statement = statement;
    this.keys = keys;
    this.columns = columns;
    this.keysTwice = keysTwice;
  }

  /** Prepares the batch for {@code table}, keyed by its single-column primary key {@code key}. */
  public static InsertIfAbsent prepare(
      Connection connection, String table, String key, String... others) throws SQLException {
    return prepare(connection, table, List.of(key), List.of(others));
  }

  /**
   * Prepares the batch for {@code table}, whose primary key (or a unique constraint) is made of
   * the columns {@code keys}; {@code others} are the rest of the columns set.
   */
  public static InsertIfAbsent prepare(
      Connection connection, String table, List<String> keys, List<String> others)
      throws SQLException {
    List<String> all = new ArrayList<>(keys);
    all.addAll(others);
    String names = String.join(", ", all);
    String marks = all.stream().map(c -> "?").collect(Collectors.joining(", "));
    SqlDialect dialect = SqlDialect.of(connection);
    String sql =
        switch (dialect) {
          case POSTGRESQL ->
              "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")"
                  + " ON CONFLICT (" + String.join(", ", keys) + ") DO NOTHING";
          case H2 ->
              "INSERT INTO " + table + " (" + names + ") SELECT " + marks
                  + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE "
                  + keys.stream().map(k -> k + " = ?").collect(Collectors.joining(" AND "))
                  + ")";
        };
    return new InsertIfAbsent(
        connection.prepareStatement(sql), keys.size(), all.size(), dialect == SqlDialect.H2);
  }

  /** Adds a row: the key, then the other columns in the order they were named. */
  public void add(byte[] key, Object... others) throws SQLException {
    Object[] values = new Object[others.length + 1];
    values[0] = key;
    System.arraycopy(others, 0, values, 1, others.length);
    addRow(values);
  }

  /** Adds a row: the key columns, then the other columns, in the order they were named. */
  public void addRow(Object... values) throws SQLException {
    if (values.length != columns) {
      throw new IllegalArgumentException(
          "expected " + columns + " values, got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
    if (keysTwice) {
      for (int i = 0; i < keys; i++) {
        statement.setObject(columns + i + 1, values[i]);
      }
    }
    statement.addBatch();
    rows++;
  }

  /**
   * Runs the rows added so far.
   *
   * @return for each row in order, whether this transaction inserted it
   */
  public boolean[] execute() throws SQLException {
    boolean[] inserted = new boolean[rows];
    if (rows == 0) {
      return inserted;
    }
    int[] counts = statement.executeBatch();
    rows = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == Statement.SUCCESS_NO_INFO) {
        // Callers decide from this which dependent rows to insert; a guess would be wrong.
        throw new IllegalStateException(
            "the JDBC driver reported no update count (PostgreSQL: reWriteBatchedInserts must be"
                + " off)");
      }
      inserted[i] = counts[i] > 0;
    }
    return inserted;
  }

  @Override
  public void close() throws SQLException {
    statement.close();
  }
}
