package dev.tvixstore.grpc.client;

import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobServiceContract;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.grpc.BlobServiceGrpcAdapter;
import dev.tvixstore.grpc.testing.InProcessStore;
import org.junit.jupiter.api.AfterEach;

/** Client backend → gRPC adapter → in-memory backend passes the blob contract. */
class GrpcBlobServiceContractTest extends BlobServiceContract {

  private InProcessStore store;

  @Override
  protected BlobService newService() {
    store = InProcessStore.serve(new BlobServiceGrpcAdapter(new InMemoryBlobService()));
    return new GrpcBlobService(store.channel());
  }

  @AfterEach
  void stop() {
    store.close();
  }
}
