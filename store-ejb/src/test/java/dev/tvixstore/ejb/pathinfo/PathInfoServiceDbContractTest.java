package dev.tvixstore.ejb.pathinfo;

import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.store.PathInfoIndexContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * store-api's PathInfo and index contracts over {@link JpaPathInfoService}, with the chunk store
 * and directories as the server has them; subclasses name the database.
 */
abstract class PathInfoServiceDbContractTest extends PathInfoIndexContract {
  @TempDir Path root;
  private JpaStore jpa;

  abstract TestDatabase db();

  @Override
  protected Store newStore() throws Exception {
    jpa = JpaStore.open(db(), root);
    return new Store(jpa.blobs(), jpa.directories(), jpa.paths());
  }

  @AfterEach
  void closeStore() {
    jpa.close();
  }
}
