package dev.tvixstore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.testing.CountingBlobService;
import dev.tvixstore.testing.VectorPaths;
import org.junit.jupiter.api.Test;

/** The in-memory reference backend passes the PathInfo and index contracts. */
class InMemoryPathInfoServiceTest extends PathInfoIndexContract {
  @Override
  protected Store newStore() {
    var blobs = new InMemoryBlobService();
    var dirs = new InMemoryDirectoryService();
    return new Store(blobs, dirs, new InMemoryPathInfoService(blobs, dirs));
  }

  @Test
  void calculateNarRendersEachRootOnce() {
    var blobs = new CountingBlobService(new InMemoryBlobService());
    var dirs = new InMemoryDirectoryService();
    var paths = new InMemoryPathInfoService(blobs, dirs);
    Node root = VectorPaths.ingest(VectorPaths.byId("tree"), blobs, dirs).root();
    NarCalculation first = paths.calculateNar(root);
    long opened = blobs.opened();
    assertEquals(first, paths.calculateNar(root.withName(PathComponent.of("other-name"))));
    assertEquals(opened, blobs.opened());
  }
}
