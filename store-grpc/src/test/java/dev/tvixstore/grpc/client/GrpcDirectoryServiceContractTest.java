package dev.tvixstore.grpc.client;

import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.castore.directory.DirectoryServiceContract;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.grpc.DirectoryServiceGrpcAdapter;
import dev.tvixstore.grpc.testing.InProcessStore;
import org.junit.jupiter.api.AfterEach;

/** Client backend → gRPC adapter → in-memory backend passes the directory contract. */
class GrpcDirectoryServiceContractTest extends DirectoryServiceContract {

  private InProcessStore store;

  @Override
  protected DirectoryService newService() {
    store = InProcessStore.serve(new DirectoryServiceGrpcAdapter(new InMemoryDirectoryService()));
    return new GrpcDirectoryService(store.channel());
  }

  @AfterEach
  void stop() {
    store.close();
  }
}
