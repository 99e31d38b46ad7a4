package dev.tvixstore.ejb.directory;

import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.ejb.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** Makes the {@link DirectoryService} injectable: the database one, over the JTA transactions. */
@ApplicationScoped
public class DirectoryServiceProducer {

  @Inject private Transactions transactions;

  /** One service for the application; it holds no state besides the transactions bean. */
  @Produces
  @ApplicationScoped
  public DirectoryService directoryService() {
    return new JpaDirectoryService(transactions);
  }
}
