package dev.tvixstore.ejb.pathinfo;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.ejb.persistence.InsertIfAbsent;
import dev.tvixstore.ejb.persistence.NarCalculationEntity;
import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.ejb.persistence.WriteBarrier;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.HashAlgorithm;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.store.ContentCheck;
import dev.tvixstore.store.NarCalculation;
import dev.tvixstore.store.NarCalculator;
import dev.tvixstore.store.NarRenderer;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.PathInfoIndex;
import dev.tvixstore.store.PathInfoService;
import dev.tvixstore.store.StorePath;
import java.sql.Connection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@link PathInfoService} and {@link PathInfoIndex} in the metadata database. A put first
 * checks that the root's content is stored ({@link ContentCheck}, against the castore services),
 * then writes the path, its references and signatures in one transaction; concurrent puts of one
 * path never fail or duplicate a row ({@link InsertIfAbsent}), and merge their signatures. {@link
 * #list} pages by digest (keyset pagination, {@link PathInfoPages}). {@link #calculateNar} renders
 * through a {@link NarRenderer} once per root node and keeps the answer in {@code
 * nar_calculation}. A stored row that no longer parses is a {@code DataLossException}.
 * Thread-safe.
 */
public final class JpaPathInfoService implements PathInfoService, PathInfoIndex {
  /** Paths per page of {@link #list}. */
  static final int DEFAULT_PAGE = 100;

  private final Transactions transactions;
  private final ContentCheck contentCheck;
  private final NarCalculator calculator;
  private final int pageSize;

  /** A service over these castore services, each read and write one transaction. */
  public JpaPathInfoService(
      Transactions transactions, BlobService blobs, DirectoryService directories) {
    this(transactions, blobs, directories, DEFAULT_PAGE);
  }

  /** For tests: another page size for {@link #list}. */
  JpaPathInfoService(
      Transactions transactions, BlobService blobs, DirectoryService directories, int pageSize) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.contentCheck = new ContentCheck(directories, blobs);
    this.calculator = new NarCalculator(new NarRenderer(directories, blobs));
    this.pageSize = pageSize;
  }

  @Override
  public Optional<PathInfo> get(byte[] digest) {
    checkDigest(digest);
    byte[] key = digest.clone();
    return transactions.inTransaction(
        em -> PathInfoRows.load(em, List.of(key)).values().stream().findFirst());
  }

  @Override
  public PathInfo put(PathInfo info) {
    // Outside the transaction: the castore services run their own.
    contentCheck.requireStored(info.node());
    return WriteBarrier.write(() -> transactions.inTransaction(em -> PathInfoRows.put(em, info)));
  }

  @Override
  public Stream<PathInfo> list() {
    return PathInfoPages.stream(
        pageSize,
        (after, size) -> transactions.inTransaction(em -> PathInfoRows.page(em, after, size)));
  }

  @Override
  public NarCalculation calculateNar(Node root) {
    Node unnamed = root.withName(PathComponent.EMPTY);
    byte[] key = B3Digest.hash(PathInfoColumns.rootNode(unnamed)).toBytes();
    NarCalculationEntity cached =
        transactions.inTransaction(em -> em.find(NarCalculationEntity.class, key));
    if (cached != null) {
      return new NarCalculation(cached.narSize(), NixHash.sha256(cached.narSha256()));
    }
    // Not inside a transaction: rendering a large NAR takes long. Racing calculations of the same
    // root agree, and the first row stays.
    NarCalculation result = calculator.calculate(unnamed);
    transactions.inTransaction(em -> em.callWithConnection((Connection c) -> {
      try (InsertIfAbsent row =
          InsertIfAbsent.prepare(c, "nar_calculation", "root_digest", "nar_size", "nar_sha256")) {
        row.add(key, result.narSize(), result.narSha256().digest());
        return row.execute();
      }
    }));
    return result;
  }

  @Override
  public Optional<PathInfo> findByNarSha256(NixHash narSha256) {
    if (narSha256.algorithm() != HashAlgorithm.SHA256) {
      throw new InvalidRequestException("NAR hash must be SHA-256, got " + narSha256.algorithm());
    }
    byte[] hash = narSha256.digest();
    return transactions.inTransaction(em -> PathInfoRows.byNarSha256(em, hash));
  }

  @Override
  public List<StorePath> referrers(byte[] digest) {
    checkDigest(digest);
    byte[] key = digest.clone();
    return transactions.inTransaction(em -> PathInfoRows.referrers(em, key));
  }

  private static void checkDigest(byte[] digest) {
    if (digest == null || digest.length != StorePath.DIGEST_LENGTH) {
      throw new InvalidRequestException("store path digest must be 20 bytes, got "
          + (digest == null ? "none" : String.valueOf(digest.length)));
    }
  }
}
