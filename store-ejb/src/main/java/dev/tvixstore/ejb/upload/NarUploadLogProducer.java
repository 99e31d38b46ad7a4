package dev.tvixstore.ejb.upload;

import dev.tvixstore.ejb.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** Makes the {@link NarUploadLog} injectable: the database one. */
@ApplicationScoped
public class NarUploadLogProducer {

  @Inject private Transactions transactions;

  /** One log for the application; it holds no state besides the bean it uses. */
  @Produces
  @ApplicationScoped
  public NarUploadLog narUploadLog() {
    return new JpaNarUploadLog(transactions);
  }
}
