package dev.tvixstore.ejb.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.function.Function;

/** {@link Transactions} outside the container: a resource-local EntityManager per attempt. */
final class ResourceLocalTransactions implements Transactions {
  private final EntityManagerFactory emf;

  ResourceLocalTransactions(EntityManagerFactory emf) {
    this.emf = emf;
  }

  @Override
  public <T> T inTransaction(Function<EntityManager, T> work) {
    return TransactionAttempts.run(() -> once(work));
  }

  private <T> T once(Function<EntityManager, T> work) {
    try (EntityManager em = emf.createEntityManager()) {
      EntityTransaction tx = em.getTransaction();
      tx.begin();
      try {
        T result = work.apply(em);
        em.flush();
        tx.commit();
        return result;
      } catch (Throwable t) {
        try {
          if (tx.isActive()) {
            tx.rollback();
          }
        } catch (RuntimeException rollback) {
          t.addSuppressed(rollback);
        }
        throw t;
      }
    }
  }
}
