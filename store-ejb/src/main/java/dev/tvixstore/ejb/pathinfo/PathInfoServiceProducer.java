package dev.tvixstore.ejb.pathinfo;

import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.store.PathInfoIndex;
import dev.tvixstore.store.PathInfoService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * Makes the {@link PathInfoService} injectable, and the {@link PathInfoIndex} over the same data:
 * the database one, checking content against and rendering NARs from the injected castore
 * services.
 */
@ApplicationScoped
public class PathInfoServiceProducer {

  @Inject private Transactions transactions;

  @Inject private BlobService blobs;

  @Inject private DirectoryService directories;

  private JpaPathInfoService service;

  /** One service for the application; it holds no state besides the beans it uses. */
  @Produces
  @ApplicationScoped
  public PathInfoService pathInfoService() {
    return service();
  }

  /** The same service, for the lookups the gRPC protocol has no call for. */
  @Produces
  @ApplicationScoped
  public PathInfoIndex pathInfoIndex() {
    return service();
  }

  private synchronized JpaPathInfoService service() {
    if (service == null) {
      service = new JpaPathInfoService(transactions, blobs, directories);
    }
    return service;
  }
}
