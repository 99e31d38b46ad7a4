package dev.tvixstore.ejb.pathinfo;

import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.store.NarIngester;
import dev.tvixstore.store.NarRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * Makes the NAR renderer (gRPC CalculateNAR, HTTP NAR downloads) and the NAR ingester (HTTP NAR
 * uploads) injectable over the application's castore services. Both are stateless plain classes,
 * so each injection point gets its own (dependent scope; no proxy needed for these final classes).
 */
@ApplicationScoped
public class NarServicesProducer {

  @Inject private BlobService blobs;

  @Inject private DirectoryService directories;

  /** A renderer over the castore services. */
  @Produces
  public NarRenderer narRenderer() {
    return new NarRenderer(directories, blobs);
  }

  /** An ingester into the castore services. */
  @Produces
  public NarIngester narIngester() {
    return new NarIngester(blobs, directories);
  }
}
