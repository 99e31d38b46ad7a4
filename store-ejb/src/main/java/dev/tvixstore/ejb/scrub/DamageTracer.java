package dev.tvixstore.ejb.scrub;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.CastoreProto;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.InvalidDirectoryException;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.SymlinkNode;
import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.store.StorePath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Names the store paths whose NAR needs damaged objects: chunk to blobs ({@code blob_chunk} by
 * its chunk index), blobs to directories (noted by {@link DirectoryScrub}), directories to their
 * ancestors ({@code directory_edge} read child to parent), and finally every PathInfo whose root
 * node is an affected directory or blob. Each affected object carries the set of damage behind
 * it, so every damaged object gets exactly the paths it breaks. Only runs when damage exists, and
 * holds only affected objects in memory.
 */
final class DamageTracer {
  static final int IN_LIST = 100;
  static final int PATH_BATCH = 512;

  private final Transactions transactions;

  DamageTracer(Transactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /**
   * The blobs that damage makes unreadable, each with its causes: every blob holding a damaged
   * chunk, the chunk itself (a chunk reads as a blob of itself), and every blob whose chunk list
   * is damaged.
   */
  Map<B3Digest, Set<Damage.Key>> blobCauses(List<Damage> damage) {
    Map<B3Digest, Set<Damage.Key>> causes = new HashMap<>();
    List<B3Digest> chunks = new ArrayList<>();
    for (Damage d : damage) {
      if (d.kind() != DamageKind.DIRECTORY) {
        causes.computeIfAbsent(d.digest(), k -> new HashSet<>()).add(d.key());
      }
      if (d.kind() == DamageKind.CHUNK) {
        chunks.add(d.digest());
      }
    }
    String sql = "SELECT DISTINCT blob_digest, chunk_digest FROM blob_chunk WHERE chunk_digest IN ";
    for (List<B3Digest> part : parts(chunks)) {
      for (byte[][] row : pairs(sql, part)) {
        causes.computeIfAbsent(B3Digest.of(row[0]), k -> new HashSet<>())
            .add(new Damage.Key(DamageKind.CHUNK, B3Digest.of(row[1])));
      }
    }
    return causes;
  }

  /** Adds to {@code dirCauses} every ancestor of its directories, with their causes. */
  void addAncestors(Map<B3Digest, Set<Damage.Key>> dirCauses) {
    Deque<B3Digest> work = new ArrayDeque<>(dirCauses.keySet());
    String sql = "SELECT parent_digest, child_digest FROM directory_edge WHERE child_digest IN ";
    while (!work.isEmpty()) {
      List<B3Digest> part = new ArrayList<>();
      while (!work.isEmpty() && part.size() < IN_LIST) {
        part.add(work.poll());
      }
      for (byte[][] edge : pairs(sql, part)) {
        B3Digest parent = B3Digest.of(edge[0]);
        Set<Damage.Key> child = dirCauses.get(B3Digest.of(edge[1]));
        // Re-visit a parent only when it gains causes: terminates, as the sets only grow.
        if (dirCauses.computeIfAbsent(parent, k -> new HashSet<>()).addAll(child)) {
          work.add(parent);
        }
      }
    }
  }

  /**
   * Every stored path whose root is an affected blob or directory, by the damage it needs: the
   * {@code path_info} table read in key order.
   */
  Map<Damage.Key, SortedSet<String>> paths(
      Map<B3Digest, Set<Damage.Key>> blobCauses,
      Map<B3Digest, Set<Damage.Key>> dirCauses,
      ScrubProgress progress,
      ScrubListener listener) {
    Map<Damage.Key, SortedSet<String>> paths = new HashMap<>();
    byte[] after = new byte[0];
    while (true) {
      List<Object[]> page =
          Keyset.page(transactions, "digest, name, root_node", "path_info", "digest", after,
              PATH_BATCH, rs -> new Object[] {rs.getBytes(1), rs.getString(2), rs.getBytes(3)});
      if (page.isEmpty()) {
        return paths;
      }
      for (Object[] p : page) {
        Set<Damage.Key> causes = causesOf((byte[]) p[0], (String) p[1], (byte[]) p[2],
            blobCauses, dirCauses, progress);
        if (!causes.isEmpty()) {
          String path = StorePath.of((byte[]) p[0], (String) p[1]).toAbsolutePath();
          for (Damage.Key k : causes) {
            paths.computeIfAbsent(k, x -> new TreeSet<>()).add(path);
          }
        }
      }
      after = (byte[]) page.getLast()[0];
      listener.batchDone();
    }
  }

  private static Set<Damage.Key> causesOf(byte[] digest, String name, byte[] rootNode,
      Map<B3Digest, Set<Damage.Key>> blobCauses, Map<B3Digest, Set<Damage.Key>> dirCauses,
      ScrubProgress progress) {
    Node root;
    try {
      root = CastoreProto.parseNode(rootNode);
    } catch (InvalidDirectoryException e) {
      progress.error("the root node of path " + name + " does not parse: " + e.getMessage());
      return Set.of();
    }
    Set<Damage.Key> causes =
        switch (root) {
          case DirectoryNode d -> dirCauses.get(d.digest());
          case FileNode f -> blobCauses.get(f.digest());
          case SymlinkNode s -> null;
        };
    return causes == null ? Set.of() : Collections.unmodifiableSet(causes);
  }

  private static List<List<B3Digest>> parts(List<B3Digest> all) {
    List<List<B3Digest>> parts = new ArrayList<>();
    for (int i = 0; i < all.size(); i += IN_LIST) {
      parts.add(all.subList(i, Math.min(all.size(), i + IN_LIST)));
    }
    return parts;
  }

  /** Two binary columns of {@code sqlPrefix + "(?, ?, ...)"} over {@code keys}. */
  private List<byte[][]> pairs(String sqlPrefix, List<B3Digest> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    String sql = sqlPrefix + "(" + "?, ".repeat(keys.size() - 1) + "?)";
    return transactions.inTransaction(
        em ->
            em.callWithConnection(
                (Connection c) -> {
                  List<byte[][]> rows = new ArrayList<>();
                  try (PreparedStatement s = c.prepareStatement(sql)) {
                    for (int i = 0; i < keys.size(); i++) {
                      s.setBytes(i + 1, keys.get(i).toBytes());
                    }
                    try (ResultSet rs = s.executeQuery()) {
                      while (rs.next()) {
                        rows.add(new byte[][] {rs.getBytes(1), rs.getBytes(2)});
                      }
                    }
                  }
                  return rows;
                }));
  }
}
