package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobServiceContract;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * store-api's blob contract over {@link FsChunkBlobService} with an in-memory catalog, writing
 * chunks on a background thread (the pipelined writer); {@link
 * SynchronousChunkedBlobServiceContractTest} covers the other mode.
 */
class ChunkedBlobServiceContractTest extends BlobServiceContract {
  @TempDir Path root;
  private ChunkFileStore store;
  private ExecutorService background;

  @Override
  protected BlobService newService() {
    store = new ChunkFileStore(root, new ChunkFileStore.Options(3, false, FastCdc.MAXIMUM_MAX));
    background = Executors.newFixedThreadPool(2);
    FastCdc cdc = FastCdc.forAverage(FastCdc.DEFAULT_AVERAGE);
    return FsChunkBlobService.pipelined(store, cdc, new InMemoryChunkIndex(), background);
  }

  @Override
  protected boolean chunksBlobs() {
    return true;
  }

  @AfterEach
  void shutDown() {
    background.shutdownNow();
    store.close();
  }
}
