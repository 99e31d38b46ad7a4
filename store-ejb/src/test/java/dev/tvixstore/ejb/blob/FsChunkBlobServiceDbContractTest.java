package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobServiceContract;
import dev.tvixstore.ejb.persistence.TestDatabase;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * store-api's blob contract over {@link FsChunkBlobService} as the server builds it: pipelined
 * writers and a {@link JpaBlobCatalog}. Subclasses name the database.
 */
abstract class FsChunkBlobServiceDbContractTest extends BlobServiceContract {
  @TempDir Path root;
  private ExecutorService background;
  private FsChunkBlobService fs;

  abstract TestDatabase db();

  @Override
  protected BlobService newService() throws Exception {
    db().clear();
    background = Executors.newFixedThreadPool(2);
    ChunkFileStore store =
        new ChunkFileStore(root, new ChunkFileStore.Options(3, false, FastCdc.MAXIMUM_MAX));
    fs =
        FsChunkBlobService.pipelined(
            store,
            FastCdc.forAverage(FastCdc.DEFAULT_AVERAGE),
            new JpaBlobCatalog(db().transactions()),
            background);
    return fs;
  }

  @Override
  protected boolean chunksBlobs() {
    return true;
  }

  @AfterEach
  void shutDown() {
    background.shutdownNow();
    fs.close();
  }
}
