package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.castore.blob.BlobWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Many blobs written as one unit, for an upload of many small files (a NAR): their chunk files
 * are staged unsynced ({@link StagedChunkFiles}) and their catalog rows held back, then {@link
 * #commit} makes all the files durable together and commits all the rows in one transaction.
 * One fsync and one transaction per blob was what made such uploads slow.
 *
 * <p>The durability rule holds: rows are committed only after the files they name are durable,
 * and each blob with all of its chunk rows or not at all. A blob written here is visible (to
 * reads, here or through the service) only after a commit; every {@value #MAX_PENDING} blobs
 * or staged files the batch commits what it holds, so that its memory
 * and open temp files stay bounded (blobs are content-addressed: one visible early is harmless,
 * and one never referenced is garbage collection's). {@link #close} without a commit discards
 * what is pending. Reads go to the service. One writer at a time; not thread-safe.
 */
public final class BlobBatch implements BlobService, AutoCloseable {
  /** Blobs, or staged chunk files, after which a batch commits on its own. */
  static final int MAX_PENDING = 4096;

  private final FsChunkBlobService service;
  private final ChunkFileStore store;
  private final FastCdc cdc;
  private final BlobCatalog catalog;
  private final Executor background;
  private final StagedChunkFiles staging;
  private final Map<B3Digest, BlobCatalog.StoredBlob> pending = new LinkedHashMap<>();
  private final int maxPending;
  private int commits;

  /** A batch committing on its own every {@code maxPending} blobs or staged files. */
  BlobBatch(
      FsChunkBlobService service,
      ChunkFileStore store,
      FastCdc cdc,
      BlobCatalog catalog,
      Executor background,
      int maxPending) {
    if (maxPending < 1) {
      throw new IllegalArgumentException("batch size must be positive, got " + maxPending);
    }
    this.maxPending = maxPending;
    this.service = Objects.requireNonNull(service, "service");
    this.store = store;
    this.cdc = cdc;
    this.catalog = catalog;
    this.background = background;
    this.staging = store.newStaging();
    JpaBlobCatalog.writerOpened(this); // GC keeps what this batch may find and re-use
  }

  /** A writer whose blob joins this batch on its commit; visible after the batch's commit. */
  @Override
  public BlobWriter openWrite() {
    return ChunkingBlobWriter.staged(store, cdc, new BatchIndex(), background, staging);
  }

  /**
   * Makes every staged chunk file durable, then commits the rows of every blob written so far in
   * one transaction. Does nothing when nothing is pending.
   */
  public void commit() {
    if (pending.isEmpty() && staging.size() == 0) {
      return;
    }
    store.publish(staging);
    catalog.commitAll(List.copyOf(pending.values()));
    pending.clear();
    commits++;
    JpaBlobCatalog.writerOpened(this); // all it relied on is committed: start over from now
  }

  /** How many commits wrote something (for tests). */
  int commits() {
    return commits;
  }

  /** Discards the blobs not committed yet: their staged files are deleted, no row is written. */
  @Override
  public void close() {
    pending.clear();
    staging.discard();
    JpaBlobCatalog.writerDone(this);
  }

  @Override
  public Optional<BlobReader> openRead(B3Digest digest) {
    return service.openRead(digest);
  }

  @Override
  public Optional<BlobStat> stat(B3Digest digest, boolean withChunks) {
    return service.stat(digest, withChunks);
  }

  @Override
  public boolean isComplete(B3Digest digest) {
    return service.isComplete(digest);
  }

  @Override
  public Set<B3Digest> incomplete(Collection<B3Digest> digests) {
    return service.incomplete(digests);
  }

  /** Keeps one writer's chunk reports; its blob joins the batch. */
  private final class BatchIndex extends StoredBlobIndex {
    @Override
    void stored(BlobCatalog.StoredBlob blob) {
      if (blob.digest().equals(B3Digest.EMPTY)) {
        return; // exists without a row (BlobService contract)
      }
      pending.putIfAbsent(blob.digest(), blob);
      if (pending.size() >= maxPending || staging.size() >= maxPending) {
        commit();
      }
    }
  }
}
