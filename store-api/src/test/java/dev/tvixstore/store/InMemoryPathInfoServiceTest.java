package dev.tvixstore.store;

import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;

/** The in-memory reference backend passes the PathInfo contract. */
class InMemoryPathInfoServiceTest extends PathInfoServiceContract {
  @Override
  protected Store newStore() {
    var blobs = new InMemoryBlobService();
    var dirs = new InMemoryDirectoryService();
    return new Store(blobs, dirs, new InMemoryPathInfoService(blobs, dirs));
  }
}
