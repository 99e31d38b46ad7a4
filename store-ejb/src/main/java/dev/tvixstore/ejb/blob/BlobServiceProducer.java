package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.ejb.config.StoreConfig;
import dev.tvixstore.ejb.persistence.Transactions;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Makes the {@link BlobService} injectable: chunks under {@code <data-dir>/chunks} (DESIGN §6)
 * with the configured average size and zstd level, the catalog in the database.
 */
@ApplicationScoped
public class BlobServiceProducer {

  private static final Logger LOG = Logger.getLogger(BlobServiceProducer.class.getName());

  @Inject private StoreConfig config;

  @Inject private Transactions transactions;

  // Writers compress and write chunks here while the caller hashes (research/hotpath.md). A
  // container pool: threads of our own would not be managed or stopped on undeploy.
  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  private ManagedExecutorService executor;

  /** One service for the application, closed with it. */
  @Produces
  @ApplicationScoped
  public BlobService blobService() {
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
    return FsChunkBlobService.pipelined(store, cdc, new JpaBlobCatalog(transactions), executor);
  }

  /** Frees the chunk store's native codecs. */
  public void close(@Disposes BlobService service) {
    if (service instanceof FsChunkBlobService fs) {
      fs.close();
    }
  }
}
