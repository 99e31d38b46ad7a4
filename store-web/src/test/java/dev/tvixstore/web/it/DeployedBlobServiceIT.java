package dev.tvixstore.web.it;

import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobServiceContract;
import dev.tvixstore.testing.BlobFixtures;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * store-api's blob contract inside the deployed WAR, against the {@link BlobService} the
 * application injects: chunk files in the data dir, the catalog in H2 through JTA.
 */
@ExtendWith(ArquillianExtension.class)
class DeployedBlobServiceIT extends BlobServiceContract {

  @Deployment
  static WebArchive deployment() {
    return Deployments.storeWar()
        .addClasses(DeployedBlobServiceIT.class, BlobServiceContract.class, BlobFixtures.class);
  }

  @Inject BlobService deployed;

  @Override
  protected BlobService newService() {
    return deployed; // content-addressed: earlier tests' blobs do not disturb this one
  }

  @Override
  protected boolean chunksBlobs() {
    return true;
  }
}
