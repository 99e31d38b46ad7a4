package dev.tvixstore.grpc.client;

import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobServiceContract;
import dev.tvixstore.grpc.BlobServiceGrpcAdapter;
import dev.tvixstore.grpc.testing.ChunkingBlobService;
import dev.tvixstore.grpc.testing.InProcessStore;
import org.junit.jupiter.api.AfterEach;

/**
 * The blob contract through gRPC to a backend that chunks: chunk lists cross the wire and every
 * chunk is readable by its own digest.
 */
class GrpcChunkingBlobServiceContractTest extends BlobServiceContract {

  private InProcessStore store;

  @Override
  protected BlobService newService() {
    store = InProcessStore.serve(new BlobServiceGrpcAdapter(new ChunkingBlobService(300_000)));
    return new GrpcBlobService(store.channel());
  }

  @Override
  protected boolean chunksBlobs() {
    return true;
  }

  @AfterEach
  void stop() {
    store.close();
  }
}
