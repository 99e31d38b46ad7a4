package dev.tvixstore.ejb.pathinfo;

import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.Nixbase32;
import dev.tvixstore.store.StorePath;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Pages through the stored paths for the admin console: a search, a sort and an offset and limit,
 * each page one query that reads only that page (the sort columns are indexed, V7). A search
 * that is a hash part, a basename or an absolute store path finds that path by digest; any other
 * text finds paths whose name contains it, ignoring case.
 */
public final class PathInfoBrowser {
  /** The most rows one page may ask for. */
  public static final int MAX_PAGE = 1000;

  private static final int IN_BATCH = 500;

  private final Transactions transactions;

  public PathInfoBrowser(Transactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /** How many paths match {@code search} (blank: all). */
  public long count(String search) {
    Filter f = Filter.of(search);
    return connection(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM path_info" + f.where)) {
        f.bind(s, 1);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /**
   * Up to {@code limit} matching paths from {@code offset}, in {@code sort} order.
   *
   * @throws InvalidRequestException if offset is negative or limit outside 1..{@value #MAX_PAGE}
   */
  public List<PathSummary> page(
      String search, PathSort sort, boolean ascending, long offset, int limit) {
    if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
      throw new InvalidRequestException(
          "page offset " + offset + " / limit " + limit + " out of range (limit 1.." + MAX_PAGE
              + ")");
    }
    Filter f = Filter.of(search);
    String dir = ascending ? " ASC" : " DESC";
    String sql = "SELECT digest, name, nar_size, created_at FROM path_info" + f.where
        + " ORDER BY " + sort.column() + dir + ", digest" + dir + " LIMIT ? OFFSET ?";
    return connection(c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        int i = f.bind(s, 1);
        s.setInt(i, limit);
        s.setLong(i + 1, offset);
        List<PathSummary> out = new ArrayList<>(limit);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(summary(rs));
          }
        }
        return out;
      }
    });
  }

  /** The row of one stored path, if stored. */
  public Optional<PathSummary> find(StorePath path) {
    List<PathSummary> found = page(path.hashPart(), PathSort.NAME, true, 0, 1);
    return found.stream().findFirst();
  }

  /**
   * The closure of a stored path, walked breadth-first by reference batches. A path not stored
   * gives an empty closure with one missing path.
   */
  public PathClosure closure(StorePath path) {
    return connection(c -> {
      Set<ByteBuffer> seen = new HashSet<>();
      List<byte[]> frontier = new ArrayList<>(List.of(path.digest()));
      seen.add(ByteBuffer.wrap(path.digest()));
      long paths = 0;
      long bytes = 0;
      long missing = 0;
      while (!frontier.isEmpty()) {
        List<byte[]> next = new ArrayList<>();
        for (int from = 0; from < frontier.size(); from += IN_BATCH) {
          List<byte[]> batch = frontier.subList(from, Math.min(frontier.size(), from + IN_BATCH));
          Set<ByteBuffer> found = new HashSet<>();
          for (Object[] row : rows(c, "SELECT digest, nar_size FROM path_info WHERE digest IN ",
              batch)) {
            found.add(ByteBuffer.wrap((byte[]) row[0]));
            paths++;
            bytes += ((Number) row[1]).longValue();
          }
          missing += batch.size() - found.size();
          for (Object[] row : rows(c,
              "SELECT path_digest, ref_digest FROM path_reference WHERE path_digest IN ", batch)) {
            byte[] ref = (byte[]) row[1];
            if (seen.add(ByteBuffer.wrap(ref))) {
              next.add(ref);
            }
          }
        }
        frontier = next;
      }
      return new PathClosure(paths, bytes, missing);
    });
  }

  private static List<Object[]> rows(Connection c, String sqlPrefix, List<byte[]> keys)
      throws SQLException {
    String sql = sqlPrefix + "(" + "?, ".repeat(keys.size() - 1) + "?)";
    List<Object[]> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < keys.size(); i++) {
        s.setBytes(i + 1, keys.get(i));
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Object[] {rs.getBytes(1), rs.getObject(2)});
        }
      }
    }
    return out;
  }

  private static PathSummary summary(ResultSet rs) throws SQLException {
    return new PathSummary(Nixbase32.encode(rs.getBytes(1)), rs.getString(2), rs.getLong(3),
        rs.getObject(4, OffsetDateTime.class).toInstant());
  }

  /** A search as a WHERE clause and its one parameter (none when blank). */
  private record Filter(String where, Object parameter) {
    static Filter of(String search) {
      String text = search == null ? "" : search.strip();
      if (text.isEmpty()) {
        return new Filter("", null);
      }
      Optional<byte[]> digest = digestOf(text);
      if (digest.isPresent()) {
        return new Filter(" WHERE digest = ?", digest.get());
      }
      String escaped = text.toLowerCase(Locale.ROOT)
          .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
      return new Filter(" WHERE LOWER(name) LIKE ? ESCAPE '\\'", "%" + escaped + "%");
    }

    int bind(PreparedStatement s, int index) throws SQLException {
      if (parameter == null) {
        return index;
      }
      s.setObject(index, parameter);
      return index + 1;
    }

    private static Optional<byte[]> digestOf(String text) {
      try {
        if (text.startsWith("/")) {
          return Optional.of(StorePath.parseAbsolute(text).digest());
        }
        if (text.length() == StorePath.HASH_PART_LENGTH) {
          return Optional.of(Nixbase32.decode(text));
        }
        if (text.length() > StorePath.HASH_PART_LENGTH
            && text.charAt(StorePath.HASH_PART_LENGTH) == '-') {
          return Optional.of(StorePath.parse(text).digest());
        }
      } catch (RuntimeException e) {
        // Not a hash after all: searched as a name.
      }
      return Optional.empty();
    }
  }

  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T connection(SqlWork<T> work) {
    return transactions.inTransaction(em -> em.callWithConnection((Connection c) -> work.run(c)));
  }
}
