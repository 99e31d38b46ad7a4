package dev.tvixstore.ejb.directory;

import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.castore.directory.DirectoryServiceContract;
import dev.tvixstore.ejb.persistence.TestDatabase;

/**
 * store-api's directory contract over {@link JpaDirectoryService}; subclasses name the database.
 */
abstract class DirectoryServiceDbContractTest extends DirectoryServiceContract {

  abstract TestDatabase db();

  @Override
  protected DirectoryService newService() throws Exception {
    db().clear();
    return new JpaDirectoryService(db().transactions());
  }
}
