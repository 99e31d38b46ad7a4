package dev.tvixstore.ejb.directory;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.ejb.persistence.BlobReferences;
import dev.tvixstore.ejb.persistence.DigestParameters;
import dev.tvixstore.ejb.persistence.DirectoryEdgeEntity;
import dev.tvixstore.ejb.persistence.InsertIfAbsent;
import dev.tvixstore.ejb.persistence.Touch;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.InvalidRequestException;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The SQL side of {@link JpaDirectoryService}, within a transaction the caller runs: tables
 * {@code directory} (digest, canonical encoding, size) and {@code directory_edge}.
 */
final class DirectoryRows {
  private static final String BY_DIGESTS =
      "select d.digest, d.encoded from DirectoryEntity d where d.digest in :digests";

  private DirectoryRows() {}

  /**
   * The stored directories among {@code digests}, each checked against its key.
   *
   * @throws DataLossException if a stored encoding does not parse or hash to its digest
   */
  static Map<B3Digest, Directory> load(EntityManager em, List<B3Digest> digests) {
    List<byte[]> keys = digests.stream().map(B3Digest::toBytes).toList();
    List<Object[]> rows =
        DigestParameters.bind(em.createQuery(BY_DIGESTS, Object[].class), "digests", keys)
            .getResultList();
    Map<B3Digest, Directory> found = new HashMap<>();
    for (Object[] row : rows) {
      B3Digest digest = B3Digest.of((byte[]) row[0]);
      found.put(digest, parse(digest, (byte[]) row[1]));
    }
    return found;
  }

  private static Directory parse(B3Digest digest, byte[] encoded) {
    Directory d;
    try {
      d = Directory.parse(encoded);
    } catch (InvalidRequestException e) {
      // Not the caller's fault: what we stored is damaged (DESIGN §4).
      throw new DataLossException(
          "stored directory " + digest + " does not parse: " + e.getMessage(), e);
    }
    if (!d.digest().equals(digest)) {
      throw new DataLossException("stored directory " + digest + " hashes to " + d.digest());
    }
    return d;
  }

  /**
   * Stores a validated closure: each directory unless present, and for each directory this
   * transaction inserted, an edge per distinct child directory ({@code directory_edge}) and per
   * distinct file blob ({@code directory_blob}). A directory found present was inserted with its
   * edges by the transaction that stored it.
   *
   * <p>Every directory of the closure and every child it names from outside the closure is
   * touched, and so is every stored blob a new directory names (ejb.gc package-info: a new
   * reference to a row touches it; {@link BlobReferences}), so a concurrent garbage collection
   * keeps them.
   *
   * @throws InvalidRequestException if a child from outside the closure, found stored while the
   *     closure was validated, is gone now (a GC collected it meanwhile)
   */
  static void store(EntityManager em, List<Directory> closure) {
    // Key order, so that concurrent puts lock rows in one order (InsertIfAbsent).
    List<Directory> sorted =
        closure.stream().sorted(Comparator.comparing(Directory::digest)).toList();
    Set<B3Digest> inClosure = new HashSet<>();
    sorted.forEach(d -> inClosure.add(d.digest()));
    SortedSet<B3Digest> touched = new TreeSet<>(inClosure);
    for (Directory d : sorted) {
      d.directories().forEach(child -> touched.add(child.digest()));
    }
    List<B3Digest> touchOrder = List.copyOf(touched);
    boolean[] found =
        em.callWithConnection(
            (Connection c) ->
                Touch.rows(c, "directory", touchOrder.stream().map(B3Digest::toBytes).toList()));
    for (int i = 0; i < found.length; i++) {
      if (!found[i] && !inClosure.contains(touchOrder.get(i))) {
        throw new InvalidRequestException(
            "directory " + touchOrder.get(i) + " is referenced but no longer stored");
      }
    }
    boolean[] inserted =
        em.callWithConnection(
            (Connection c) -> {
              try (InsertIfAbsent rows =
                  InsertIfAbsent.prepare(c, "directory", "digest", "encoded", "size")) {
                for (Directory d : sorted) {
                  rows.add(d.digest().toBytes(), d.encode(), d.size());
                }
                return rows.execute();
              }
            });
    SortedSet<B3Digest> blobs = new TreeSet<>();
    for (int i = 0; i < sorted.size(); i++) {
      if (inserted[i]) {
        Directory d = sorted.get(i);
        byte[] parent = d.digest().toBytes();
        Set<B3Digest> children = new HashSet<>();
        for (DirectoryNode child : d.directories()) {
          if (children.add(child.digest())) {
            em.persist(new DirectoryEdgeEntity(parent, child.digest().toBytes()));
          }
        }
        Set<B3Digest> files = new TreeSet<>();
        for (FileNode f : d.files()) {
          files.add(f.digest());
        }
        blobs.addAll(files);
        em.callWithConnection((Connection c) -> insertBlobEdges(c, parent, files));
      }
    }
    List<byte[]> blobKeys = blobs.stream().map(B3Digest::toBytes).toList();
    // A blob missing now was never stored or was collected meanwhile: the path put's content
    // check refuses a root that needs it (tvix lets directories name blobs not stored yet).
    em.callWithConnection((Connection c) -> BlobReferences.touch(c, blobKeys));
  }

  private static int[] insertBlobEdges(Connection c, byte[] parent, Set<B3Digest> blobs)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO directory_blob (directory_digest, blob_digest) VALUES (?, ?)")) {
      for (B3Digest b : blobs) {
        s.setBytes(1, parent);
        s.setBytes(2, b.toBytes());
        s.addBatch();
      }
      return s.executeBatch();
    }
  }
}
