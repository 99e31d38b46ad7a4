package dev.tvixstore.grpc.client;

import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.grpc.PathInfoServiceGrpcAdapter;
import dev.tvixstore.grpc.testing.InProcessStore;
import dev.tvixstore.store.InMemoryPathInfoService;
import dev.tvixstore.store.PathInfoServiceContract;
import org.junit.jupiter.api.AfterEach;

/**
 * Client backend → gRPC adapter → in-memory backend passes the PathInfo contract. The contract
 * stores content through the castore services directly: they are the server's own, and their gRPC
 * round trips have contracts of their own.
 */
class GrpcPathInfoServiceContractTest extends PathInfoServiceContract {

  private InProcessStore server;

  @Override
  protected Store newStore() {
    InMemoryBlobService blobs = new InMemoryBlobService();
    InMemoryDirectoryService directories = new InMemoryDirectoryService();
    server =
        InProcessStore.serve(
            new PathInfoServiceGrpcAdapter(new InMemoryPathInfoService(blobs, directories)));
    return new Store(blobs, directories, new GrpcPathInfoService(server.channel()));
  }

  @AfterEach
  void stop() {
    server.close();
  }
}
