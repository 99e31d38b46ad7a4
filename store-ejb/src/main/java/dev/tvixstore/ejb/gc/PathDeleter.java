package dev.tvixstore.ejb.gc;

import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.store.StorePath;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deletes stored paths (their PathInfo, references, signatures and upload records) and pins
 * paths against that. The castore data goes at the next GC, if nothing else holds it.
 */
public final class PathDeleter {
  private static final String REFERRERS =
      "SELECT p.digest, p.name FROM path_reference r JOIN path_info p ON p.digest = r.path_digest"
          + " WHERE r.ref_digest = ? AND r.path_digest <> r.ref_digest";

  private final Sql sql;

  public PathDeleter(Transactions transactions) {
    this.sql = new Sql(Objects.requireNonNull(transactions, "transactions"));
  }

  /**
   * Deletes {@code path}; with {@code withReferrers} also every path that references it,
   * transitively. All in one transaction.
   *
   * @return the deleted paths' basenames, {@code path} first
   * @throws NotFoundException if {@code path} is not stored
   * @throws GcConflictException if other paths reference it and {@code withReferrers} is false,
   *     or a path to delete is pinned
   */
  public List<String> delete(StorePath path, boolean withReferrers) {
    return sql.tx(
        c -> {
          Map<String, byte[]> doomed = new LinkedHashMap<>();
          if (name(c, path.digest()) == null) {
            throw new NotFoundException("path " + path.toBasename() + " is not stored");
          }
          doomed.put(basename(c, path.digest()), path.digest());
          Deque<byte[]> todo = new ArrayDeque<>(List.of(path.digest()));
          while (!todo.isEmpty()) {
            byte[] next = todo.poll();
            for (Object[] r : Marker.rows(c, REFERRERS, (Object) next)) {
              String b = StorePath.of((byte[]) r[0], (String) r[1]).toBasename();
              if (!doomed.containsKey(b)) {
                if (!withReferrers) {
                  List<String> referrers = new ArrayList<>();
                  Marker.rows(c, REFERRERS, (Object) path.digest()).forEach(
                      x -> referrers.add(StorePath.of((byte[]) x[0], (String) x[1]).toBasename()));
                  throw new GcConflictException(
                      path.toBasename() + " is referenced by other paths", referrers);
                }
                doomed.put(b, (byte[]) r[0]);
                todo.add((byte[]) r[0]);
              }
            }
          }
          List<String> pinned = new ArrayList<>();
          for (Map.Entry<String, byte[]> e : doomed.entrySet()) {
            if (Sql.number(c, "SELECT COUNT(*) FROM gc_pin WHERE path_digest = ?", e.getValue())
                > 0) {
              pinned.add(e.getKey());
            }
          }
          if (!pinned.isEmpty()) {
            throw new GcConflictException("pinned paths cannot be deleted", pinned);
          }
          for (byte[] d : doomed.values()) {
            // Upload records first: while one exists, HEAD of its NAR says "stored" and Nix
            // would skip uploading the content again.
            Sql.update(c, "DELETE FROM nar_upload WHERE nar_sha256 IN"
                + " (SELECT nar_sha256 FROM path_info WHERE digest = ?)", d);
            Sql.update(c, "DELETE FROM path_info WHERE digest = ?", d);
          }
          return List.copyOf(doomed.keySet());
        });
  }

  /**
   * Pins a stored path: deletes refuse it until unpinned.
   *
   * @return whether it was not pinned before
   * @throws NotFoundException if it is not stored
   */
  public boolean pin(StorePath path) {
    return sql.tx(
        c -> {
          String name = name(c, path.digest());
          if (name == null) {
            throw new NotFoundException("path " + path.toBasename() + " is not stored");
          }
          if (Sql.number(c, "SELECT COUNT(*) FROM gc_pin WHERE path_digest = ?", path.digest())
              > 0) {
            return false;
          }
          return Sql.update(c, "INSERT INTO gc_pin (path_digest, name) VALUES (?, ?)",
              path.digest(), name) > 0;
        });
  }

  /** Removes a pin; returns whether there was one. */
  public boolean unpin(StorePath path) {
    return sql.update("DELETE FROM gc_pin WHERE path_digest = ?", path.digest()) > 0;
  }

  /** Basenames of the pinned paths, in digest order. */
  public List<String> pins() {
    return sql.tx(
        c -> Marker.rows(c, "SELECT path_digest, name FROM gc_pin ORDER BY path_digest").stream()
            .map(r -> StorePath.of((byte[]) r[0], (String) r[1]).toBasename())
            .toList());
  }

  private static String name(Connection c, byte[] digest) throws SQLException {
    List<Object[]> rows = Marker.rows(c, "SELECT name FROM path_info WHERE digest = ?", digest);
    return rows.isEmpty() ? null : (String) rows.getFirst()[0];
  }

  private static String basename(Connection c, byte[] digest) throws SQLException {
    return StorePath.of(digest, name(c, digest)).toBasename();
  }
}
