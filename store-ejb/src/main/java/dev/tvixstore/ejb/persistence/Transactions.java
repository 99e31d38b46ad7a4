package dev.tvixstore.ejb.persistence;

import jakarta.persistence.EntityManager;
import java.util.function.Function;

/**
 * Runs units of work on the metadata database, each in a transaction of its own. The seam between
 * the store's logic (plain classes a test builds with {@code new}) and the container: the server
 * uses the {@link JtaTransactions} EJB, tests a resource-local EntityManagerFactory. Callable from
 * any thread of the application, EJB or not.
 */
public interface Transactions {

  /**
   * Runs {@code work} in a new transaction (a transaction of the caller's is not joined) and
   * commits it before returning what {@code work} returned.
   *
   * <p>When the database reports a conflict with a concurrent transaction (H2 does so when two
   * transactions insert the same key, see {@link InsertIfAbsent}), the transaction is rolled back
   * and {@code work} runs again with a fresh EntityManager, a bounded number of times. So {@code
   * work} must have no effect outside that EntityManager.
   *
   * @throws dev.tvixstore.error.StoreException what {@code work} threw, unchanged, after rollback
   * @throws dev.tvixstore.error.StorageException on any other failure, commit included, keeping
   *     the cause
   */
  <T> T inTransaction(Function<EntityManager, T> work);
}
