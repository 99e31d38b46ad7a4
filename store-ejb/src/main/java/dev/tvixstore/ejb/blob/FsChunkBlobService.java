package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.castore.blob.BlobWriter;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The chunking {@link BlobService} (DESIGN §2, §6): content cut by {@link FastCdc} as it streams
 * in, each chunk a zstd file in a {@link ChunkFileStore}, each blob's chunk list in a {@link
 * BlobCatalog} (the database in the server). A blob's metadata is committed only after its
 * chunk files are durable. Reads start at any offset without touching earlier chunks, and check
 * every chunk against its BLAKE3 first ({@code DataLossException} naming the chunk otherwise).
 * {@link #stat} with chunks lists a single-chunk blob's one chunk; {@link #isComplete} checks that
 * every chunk file exists. Thread-safe.
 */
public final class FsChunkBlobService implements BlobService, BlobBatches, AutoCloseable {
  private final ChunkFileStore store;
  private final FastCdc cdc;
  private final BlobCatalog catalog;
  // Where readers find chunk lists: may be a cache (CachingBlobCatalog). Never asked whether a
  // blob exists: that is what writes are checked against, and garbage collection may have
  // deleted what a cache still holds; a reader of a stale list fails closed on missing files.
  private final BlobCatalog readCatalog;
  private final Executor background;

  private FsChunkBlobService(
      ChunkFileStore store,
      FastCdc cdc,
      BlobCatalog catalog,
      BlobCatalog readCatalog,
      Executor background) {
    this.store = Objects.requireNonNull(store, "store");
    this.cdc = Objects.requireNonNull(cdc, "cdc");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.readCatalog = Objects.requireNonNull(readCatalog, "readCatalog");
    this.background = background;
  }

  /** A service whose writers compress and write chunks on the caller's thread. */
  public static FsChunkBlobService synchronous(
      ChunkFileStore store, FastCdc cdc, BlobCatalog catalog) {
    return new FsChunkBlobService(store, cdc, catalog, catalog, null);
  }

  /**
   * A service whose writers hash and cut on the caller's thread and compress and write chunks on
   * {@code background} ({@link ChunkingBlobWriter#pipelined}).
   */
  public static FsChunkBlobService pipelined(
      ChunkFileStore store, FastCdc cdc, BlobCatalog catalog, Executor background) {
    return pipelined(store, cdc, catalog, catalog, background);
  }

  /**
   * {@link #pipelined(ChunkFileStore, FastCdc, BlobCatalog, Executor)} whose readers take chunk
   * lists from {@code readCatalog} (a cache over {@code catalog}); stat and completeness checks
   * always ask {@code catalog}.
   */
  public static FsChunkBlobService pipelined(
      ChunkFileStore store,
      FastCdc cdc,
      BlobCatalog catalog,
      BlobCatalog readCatalog,
      Executor background) {
    return new FsChunkBlobService(
        store, cdc, catalog, readCatalog, Objects.requireNonNull(background, "background"));
  }

  @Override
  public Optional<BlobReader> openRead(B3Digest digest) {
    Objects.requireNonNull(digest, "digest");
    Optional<List<ChunkRef>> chunks =
        digest.equals(B3Digest.EMPTY) ? Optional.of(List.of()) : readCatalog.chunks(digest);
    return chunks.map(c -> new ChunkedBlobReader(store, c, background));
  }

  @Override
  public BlobWriter openWrite() {
    ChunkIndex index = catalog.newIndex();
    return background == null
        ? ChunkingBlobWriter.synchronous(store, cdc, index)
        : ChunkingBlobWriter.pipelined(store, cdc, index, background);
  }

  /**
   * A batch for writing many blobs as one unit ({@link BlobBatch}): files synced together, rows
   * in one transaction, visible on its commit.
   */
  @Override
  public BlobBatch openBatch() {
    return openBatch(BlobBatch.MAX_PENDING);
  }

  /** {@link #openBatch()} committing on its own every {@code maxPending} blobs or files. */
  BlobBatch openBatch(int maxPending) {
    return new BlobBatch(this, store, cdc, catalog, background, maxPending);
  }

  @Override
  public Optional<BlobStat> stat(B3Digest digest, boolean withChunks) {
    Objects.requireNonNull(digest, "digest");
    if (!withChunks) {
      if (digest.equals(B3Digest.EMPTY)) {
        return Optional.of(new BlobStat(digest, 0, List.of()));
      }
      OptionalLong size = catalog.size(digest);
      return size.isPresent()
          ? Optional.of(new BlobStat(digest, size.getAsLong(), List.of()))
          : Optional.empty();
    }
    return chunks(digest).map(chunks -> statOf(digest, chunks));
  }

  /**
   * Whether the blob's chunk list is catalogued and each of its chunk files exists: one catalog
   * read and a file-existence check per chunk, no chunk read or decoded.
   */
  @Override
  public boolean isComplete(B3Digest digest) {
    return chunks(digest)
        .map(chunks -> chunks.stream().allMatch(c -> store.exists(c.digest())))
        .orElse(false);
  }

  /** {@link #isComplete} of many: the catalog read in batches, then one check per chunk file. */
  @Override
  public Set<B3Digest> incomplete(Collection<B3Digest> digests) {
    Set<B3Digest> wanted = new LinkedHashSet<>(digests);
    wanted.remove(B3Digest.EMPTY); // always complete, needs no row
    Map<B3Digest, List<ChunkRef>> found = catalog.chunks(wanted);
    Set<B3Digest> incomplete = new HashSet<>();
    for (B3Digest d : wanted) {
      List<ChunkRef> chunks = found.get(d);
      if (chunks == null || !chunks.stream().allMatch(c -> store.exists(c.digest()))) {
        incomplete.add(d);
      }
    }
    return incomplete;
  }

  private static BlobStat statOf(B3Digest digest, List<ChunkRef> chunks) {
    long size = chunks.isEmpty() ? 0 : chunks.get(chunks.size() - 1).end();
    return new BlobStat(
        digest,
        size,
        chunks.stream().map(c -> new BlobStat.ChunkMeta(c.digest(), c.size())).toList());
  }

  private Optional<List<ChunkRef>> chunks(B3Digest digest) {
    Objects.requireNonNull(digest, "digest");
    if (digest.equals(B3Digest.EMPTY)) {
      return Optional.of(List.of()); // always exists, needs no row (BlobService contract)
    }
    return catalog.chunks(digest);
  }

  /**
   * Makes the catalog drop what it caches of these blob or chunk digests ({@link
   * BlobCatalog#forget}); garbage collection calls it after deleting their rows.
   */
  public void forget(Collection<B3Digest> digests) {
    readCatalog.forget(digests);
  }

  /** Frees the chunk store's native codecs; the service is unusable afterwards. */
  @Override
  public void close() {
    store.close();
  }
}
