package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.ejb.config.StoreConfig;
import dev.tvixstore.ejb.persistence.Transactions;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Makes the {@link BlobService} injectable: chunks under {@code <data-dir>/chunks} (DESIGN §6)
 * with the configured average size and zstd level, the catalog in the database with its chunk
 * lists cached ({@link CachingBlobCatalog}); and the same store as {@link BlobBatches}.
 */
@ApplicationScoped
public class BlobServiceProducer {

  /** Chunk references the catalog cache holds: about 25 MB at most, 100k single-chunk files. */
  static final long CACHED_CHUNK_REFS = 100_000;

  private static final Logger LOG = Logger.getLogger(BlobServiceProducer.class.getName());

  @Inject private StoreConfig config;

  @Inject private Transactions transactions;

  // Writers compress and write chunks, and readers decode the next chunk, on these threads while
  // the caller hashes or sends (research/hotpath.md). Threads from the container's factory, but a
  // plain pool over them: a ManagedExecutorService captures and restores the caller's context for
  // every task, which cost ~9 % of a NAR upload for one task per small file.
  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  private ManagedThreadFactory threads;

  private FsChunkBlobService service;
  private CachingBlobCatalog catalog;
  private ThreadPoolExecutor workers;

  /** One service for the application, closed with it. */
  @Produces
  @ApplicationScoped
  public BlobService blobService() {
    return service();
  }

  /** The application's blob store, for batched uploads. */
  @Produces
  @Dependent
  public BlobBatches blobBatches() {
    return service();
  }

  /**
   * The application's blob store as its class, for what needs more than the interfaces: garbage
   * collection calls {@link FsChunkBlobService#forget} after deleting blob or chunk rows.
   * Typed to the class alone, so that it does not compete with the producers above.
   */
  @Produces
  @Dependent
  @Typed(FsChunkBlobService.class)
  public FsChunkBlobService chunkedBlobService() {
    return service();
  }

  private synchronized FsChunkBlobService service() {
    if (service != null) {
      return service;
    }
    FastCdc cdc = FastCdc.forAverage(config.chunkAvgSize());
    // Decode bound at the largest FastCDC maximum, not this run's: chunks written with an
    // earlier, larger average size stay readable.
    ChunkFileStore store =
        new ChunkFileStore(
            config.dataDir(),
            new ChunkFileStore.Options(config.zstdLevel(), true, FastCdc.MAXIMUM_MAX));
    // No writer of this process exists yet, so every temp file is a crashed writer's leftover.
    int swept = store.sweepTempFiles(Instant.now());
    if (swept > 0) {
      LOG.info(() -> "removed " + swept + " temp files left by an earlier run");
    }
    int n = Math.max(2, Runtime.getRuntime().availableProcessors());
    // Unbounded queue: a writer bounds its own tasks in flight, and a reader runs a read-ahead
    // still queued itself; a rejection would fail a blob for nothing.
    workers =
        new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    workers.allowCoreThreadTimeOut(true);
    JpaBlobCatalog database = new JpaBlobCatalog(transactions);
    catalog = new CachingBlobCatalog(database, CACHED_CHUNK_REFS);
    // Readers only: whether a blob exists (stat, completeness, a path put's content check) is
    // always the database's, which GC's protocol orders against its sweep; a reader of a list
    // GC made stale fails closed on the missing chunk file.
    service = FsChunkBlobService.pipelined(store, cdc, database, catalog, workers);
    return service;
  }

  /**
   * A garbage collection starts: the chunk list cache steps aside until it ends, since a list
   * cached of a blob it deletes would make that blob look stored (CachingBlobCatalog).
   */
  void onGcStarting(@Observes GcStarting event) {
    catalog().suspend();
  }

  /** The garbage collection has ended: the cache starts again, empty. */
  void onGcEnded(@Observes GcEnded event) {
    catalog().resume();
  }

  private synchronized CachingBlobCatalog catalog() {
    service();
    return catalog;
  }

  /** Stops the worker threads and frees the chunk store's native codecs. */
  @PreDestroy
  synchronized void close() {
    if (workers != null) {
      workers.shutdownNow();
    }
    if (service != null) {
      service.close();
    }
  }
}
