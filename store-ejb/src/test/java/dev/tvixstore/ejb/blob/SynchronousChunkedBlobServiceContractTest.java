package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobServiceContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * store-api's blob contract over {@link FsChunkBlobService} with an in-memory catalog, chunks
 * written by the caller.
 */
class SynchronousChunkedBlobServiceContractTest extends BlobServiceContract {
  @TempDir Path root;
  private ChunkFileStore store;

  @Override
  protected BlobService newService() {
    store = new ChunkFileStore(root, ChunkFileStore.Options.defaults());
    FastCdc cdc = FastCdc.forAverage(FastCdc.DEFAULT_AVERAGE);
    return FsChunkBlobService.synchronous(store, cdc, new InMemoryChunkIndex());
  }

  @Override
  protected boolean chunksBlobs() {
    return true;
  }

  @AfterEach
  void shutDown() {
    store.close();
  }
}
