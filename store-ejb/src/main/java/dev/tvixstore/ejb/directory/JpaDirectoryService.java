package dev.tvixstore.ejb.directory;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.directory.DirectoryPutter;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.castore.directory.ValidatingPutter;
import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.ejb.persistence.WriteBarrier;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link DirectoryService} in the metadata database. A closure is checked as it streams in by
 * the shared {@link ValidatingPutter} (children not sent in it are looked up here), and stored at
 * commit in one transaction: all of it or nothing. Concurrent puts of overlapping closures both
 * succeed and store each directory once. {@link #getRecursive} loads a batch of digests per
 * transaction, in breadth-first order ({@link BatchedBreadthFirst}). A stored directory that no
 * longer parses or hashes to its digest is a {@code DataLossException}. Thread-safe.
 */
public final class JpaDirectoryService implements DirectoryService {
  /** Digests per query of {@link #getRecursive}; small enough for any IN list. */
  static final int DEFAULT_BATCH = 100;

  private final Transactions transactions;
  private final int batchSize;

  /** A service whose every read and write is one transaction of {@code transactions}. */
  public JpaDirectoryService(Transactions transactions) {
    this(transactions, DEFAULT_BATCH);
  }

  /** For tests: another batch size for {@link #getRecursive}. */
  JpaDirectoryService(Transactions transactions, int batchSize) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.batchSize = batchSize;
  }

  @Override
  public Optional<Directory> get(B3Digest digest) {
    Objects.requireNonNull(digest, "digest");
    return Optional.ofNullable(load(List.of(digest)).get(digest));
  }

  @Override
  public Stream<Directory> getRecursive(B3Digest root) {
    Objects.requireNonNull(root, "root");
    return BatchedBreadthFirst.stream(root, batchSize, this::load);
  }

  private Map<B3Digest, Directory> load(List<B3Digest> digests) {
    return transactions.inTransaction(em -> DirectoryRows.load(em, digests));
  }

  @Override
  public DirectoryPutter openPut() {
    // Storing touches rows: inside the write barrier, ordered against a GC's cutoff.
    return new ValidatingPutter(
        this,
        closure ->
            WriteBarrier.write(
                () ->
                    transactions.inTransaction(
                        em -> {
                          DirectoryRows.store(em, closure);
                          return null;
                        })));
  }
}
