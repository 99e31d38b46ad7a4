package dev.tvixstore.ejb.pathinfo;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.SymlinkNode;
import dev.tvixstore.ejb.persistence.BlobReferences;
import dev.tvixstore.ejb.persistence.DigestParameters;
import dev.tvixstore.ejb.persistence.InsertIfAbsent;
import dev.tvixstore.ejb.persistence.PathReferenceEntity;
import dev.tvixstore.ejb.persistence.Touch;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.NarSignature;
import dev.tvixstore.store.InvalidPathInfoException.Rule;
import dev.tvixstore.store.InvalidPathInfoException;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.StorePath;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL side of {@link JpaPathInfoService}, within a transaction the caller runs: tables {@code
 * path_info}, {@code path_reference} and {@code path_signature}.
 */
final class PathInfoRows {
  private static final HexFormat HEX = HexFormat.of();
  private static final String SELECT = "select " + PathInfoColumns.PATH + " from PathInfoEntity p";
  private static final String BY_DIGESTS = SELECT + " where p.digest in :digests";
  private static final String FIRST_PAGE = SELECT + " order by p.digest";
  private static final String NEXT_PAGE = SELECT + " where p.digest > :after order by p.digest";
  private static final String BY_NAR_SHA256 = SELECT + " where p.narSha256 = :hash";
  private static final String REFERENCES =
      "select r.pathDigest, r.refDigest, r.refName from PathReferenceEntity r"
          + " where r.pathDigest in :digests order by r.idx";
  private static final String SIGNATURES =
      "select s.pathDigest, s.name, s.data from PathSignatureEntity s"
          + " where s.pathDigest in :digests";
  private static final String REFERRERS =
      "select p.digest, p.name from PathInfoEntity p, PathReferenceEntity r"
          + " where r.pathDigest = p.digest and r.refDigest = :ref";

  private PathInfoRows() {}

  /** The stored PathInfos among {@code digests}, keyed by the hex of their digest. */
  static Map<String, PathInfo> load(EntityManager em, List<byte[]> digests) {
    if (digests.isEmpty()) {
      return Map.of();
    }
    List<Object[]> paths =
        DigestParameters.bind(em.createQuery(BY_DIGESTS, Object[].class), "digests", digests)
            .getResultList();
    return assemble(em, paths);
  }

  /** Up to {@code size} PathInfos in digest order, starting after {@code after} (null: first). */
  static List<PathInfo> page(EntityManager em, byte[] after, int size) {
    var query =
        after == null
            ? em.createQuery(FIRST_PAGE, Object[].class)
            : em.createQuery(NEXT_PAGE, Object[].class).setParameter("after", after);
    List<Object[]> paths = query.setMaxResults(size).getResultList();
    return List.copyOf(assemble(em, paths).values());
  }

  /** One stored PathInfo whose NAR has this SHA-256 (the lowest digest, for a stable answer). */
  static Optional<PathInfo> byNarSha256(EntityManager em, byte[] narSha256) {
    List<Object[]> paths =
        em.createQuery(BY_NAR_SHA256 + " order by p.digest", Object[].class)
            .setParameter("hash", narSha256)
            .setMaxResults(1)
            .getResultList();
    return assemble(em, paths).values().stream().findFirst();
  }

  /** The stored paths with a reference to {@code digest}, in Nix's order. */
  static List<StorePath> referrers(EntityManager em, byte[] digest) {
    return em.createQuery(REFERRERS, Object[].class).setParameter("ref", digest).getResultList()
        .stream()
        .map(r -> StorePath.of((byte[]) r[0], (String) r[1]))
        .sorted()
        .toList();
  }

  /** Decodes path rows with their references and signatures, keeping the rows' order. */
  private static Map<String, PathInfo> assemble(EntityManager em, List<Object[]> paths) {
    if (paths.isEmpty()) {
      return Map.of();
    }
    List<byte[]> digests = paths.stream().map(p -> (byte[]) p[0]).toList();
    Map<String, List<Object[]>> refs = byPath(em, REFERENCES, digests);
    Map<String, List<Object[]>> sigs = byPath(em, SIGNATURES, digests);
    Map<String, PathInfo> infos = new LinkedHashMap<>();
    for (Object[] p : paths) {
      String key = HEX.formatHex((byte[]) p[0]);
      infos.put(key, PathInfoColumns.decode(
          p, refs.getOrDefault(key, List.of()), sigs.getOrDefault(key, List.of())));
    }
    return infos;
  }

  /** The rows of {@code query} for these paths, by path, without their first (path) column. */
  private static Map<String, List<Object[]>> byPath(
      EntityManager em, String query, List<byte[]> digests) {
    Map<String, List<Object[]>> rows = new HashMap<>();
    for (Object[] r :
        DigestParameters.bind(em.createQuery(query, Object[].class), "digests", digests)
            .getResultList()) {
      rows.computeIfAbsent(HEX.formatHex((byte[]) r[0]), k -> new ArrayList<>())
          .add(Arrays.copyOfRange(r, 1, r.length));
    }
    return rows;
  }

  /**
   * A new reference to the root's directory or blob touches it (ejb.gc package-info), so that a
   * garbage collection running now keeps it. The content check before the transaction found it
   * stored; one gone since then was collected meanwhile.
   *
   * @return false if the root directory or blob is gone
   */
  private static boolean touchRoot(Connection c, PathInfo info) throws SQLException {
    return switch (info.node()) {
      case DirectoryNode d -> Touch.rows(c, "directory", List.of(d.digest().toBytes()))[0];
      // The empty blob has no row: nothing to touch, nothing a GC could take.
      case FileNode f -> f.digest().equals(B3Digest.EMPTY)
          || BlobReferences.touch(c, List.of(f.digest().toBytes()))[0];
      case SymlinkNode s -> true;
    };
  }

  /**
   * Stores {@code info}, or merges its signatures into the same contents stored before.
   *
   * @return the PathInfo as stored now
   * @throws InvalidPathInfoException {@link Rule#CONFLICTS_WITH_STORED} if other contents are
   *     stored for the path
   * @throws InvalidRequestException if its root directory or blob was garbage collected since the
   *     content check
   */
  static PathInfo put(EntityManager em, PathInfo info) {
    byte[] digest = info.storePath().digest();
    if (!em.callWithConnection((Connection c) -> touchRoot(c, info))) {
      throw new InvalidRequestException(
          (info.node() instanceof DirectoryNode ? "root directory" : "root blob") + " of "
              + info.storePath() + " is no longer stored");
    }
    boolean inserted = em.callWithConnection((Connection c) -> {
      try (InsertIfAbsent row = InsertIfAbsent.prepare(c, "path_info", List.of("digest"),
          List.of("name", "root_node", "nar_size", "nar_sha256", "deriver", "ca"))) {
        row.addRow(digest, info.storePath().name(), PathInfoColumns.rootNode(info.node()),
            info.narSize(), info.narSha256().digest(), PathInfoColumns.deriver(info),
            PathInfoColumns.ca(info));
        return row.execute()[0];
      }
    });
    if (inserted) {
      // Only the transaction that inserted the path row writes its references.
      List<StorePath> refs = info.references();
      for (int i = 0; i < refs.size(); i++) {
        em.persist(new PathReferenceEntity(
            digest, i, refs.get(i).digest(), refs.get(i).toBasename()));
      }
    } else {
      PathInfo stored = load(em, List.of(digest)).values().iterator().next();
      if (!stored.sameContentAs(info)) {
        throw new InvalidPathInfoException(Rule.CONFLICTS_WITH_STORED,
            info.storePath() + " is stored with other contents (NAR " + stored.narSha256()
                + ", " + stored.narSize() + " bytes, " + stored.references().size()
                + " references)");
      }
    }
    addSignatures(em, digest, info.signatures());
    return inserted ? info : load(em, List.of(digest)).values().iterator().next();
  }

  private static void addSignatures(EntityManager em, byte[] digest, List<NarSignature> sigs) {
    if (sigs.isEmpty()) {
      return;
    }
    // PathInfo keeps them sorted: concurrent merges lock rows in one order (InsertIfAbsent).
    em.callWithConnection((Connection c) -> {
      try (InsertIfAbsent rows = InsertIfAbsent.prepare(
          c, "path_signature", List.of("path_digest", "name", "data"), List.of())) {
        for (NarSignature s : sigs) {
          rows.addRow(digest, s.keyName(), s.bytes());
        }
        return rows.execute();
      }
    });
  }
}
