package dev.tvixstore.ejb.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
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
  private final int columns;
  private final boolean keyTwice;
  private int rows;

  private InsertIfAbsent(PreparedStatement statement, int columns, boolean keyTwice) {
    this.statement = statement;
    this.columns = columns;
    this.keyTwice = keyTwice;
  }

  /** Prepares the batch for {@code table}, keyed by its single-column primary key {@code key}. */
  public static InsertIfAbsent prepare(
      Connection connection, String table, String key, String... others) throws SQLException {
    String[] all = new String[others.length + 1];
    all[0] = key;
    System.arraycopy(others, 0, all, 1, others.length);
    String names = String.join(", ", all);
    String marks = Arrays.stream(all).map(c -> "?").collect(Collectors.joining(", "));
    SqlDialect dialect = SqlDialect.of(connection);
    String sql =
        switch (dialect) {
          case POSTGRESQL ->
              "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")"
                  + " ON CONFLICT (" + key + ") DO NOTHING";
          case H2 ->
              "INSERT INTO " + table + " (" + names + ") SELECT " + marks
                  + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE " + key + " = ?)";
        };
    return new InsertIfAbsent(
        connection.prepareStatement(sql), all.length, dialect == SqlDialect.H2);
  }

  /** Adds a row: the key, then the other columns in the order they were named. */
  public void add(byte[] key, Object... others) throws SQLException {
    if (others.length + 1 != columns) {
      throw new IllegalArgumentException(
          "expected " + columns + " values, got " + (others.length + 1));
    }
    statement.setBytes(1, key);
    for (int i = 0; i < others.length; i++) {
      statement.setObject(i + 2, others[i]);
    }
    if (keyTwice) {
      statement.setBytes(columns + 1, key);
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
