package dev.tvixstore.ejb.scrub;

import dev.tvixstore.ejb.persistence.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a table in key order, one page per transaction: {@code SELECT ... WHERE key > ? ORDER BY
 * key}, never the whole table in memory and no cursor held open across pages. Rows inserted or
 * deleted meanwhile may or may not be seen, which is all a scrub running beside uploads needs.
 */
final class Keyset {
  /** Maps the current row of a result set. */
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private Keyset() {}

  /**
   * One page: the rows after {@code after} (an empty array before the first), at most {@code
   * size}. {@code columns} and {@code table} are constants of the caller, never input.
   *
   * @param keyColumn the binary primary key, also the first column of {@code columns}
   */
  static <T> List<T> page(
      Transactions transactions,
      String columns,
      String table,
      String keyColumn,
      byte[] after,
      int size,
      Row<T> row) {
    String sql =
        "SELECT " + columns + " FROM " + table + " WHERE " + keyColumn + " > ? ORDER BY "
            + keyColumn + " FETCH FIRST " + size + " ROWS ONLY";
    return transactions.inTransaction(
        em ->
            em.callWithConnection(
                (Connection c) -> {
                  try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setBytes(1, after);
                    try (ResultSet rs = s.executeQuery()) {
                      List<T> rows = new ArrayList<>();
                      while (rs.next()) {
                        rows.add(row.map(rs));
                      }
                      return rows;
                    }
                  }
                }));
  }

  /** {@code SELECT COUNT(*)} of a table named by a constant. */
  static long count(Transactions transactions, String table) {
    return transactions.inTransaction(
        em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM " + table).getSingleResult())
            .longValue());
  }
}
