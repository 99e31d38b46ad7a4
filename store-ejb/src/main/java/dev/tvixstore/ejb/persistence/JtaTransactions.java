package dev.tvixstore.ejb.persistence;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.util.function.Function;

/**
 * {@link Transactions} in the server: JTA transactions on the {@code store} persistence unit.
 *
 * <p>Bean-managed rather than a container-managed {@code REQUIRES_NEW} method: the container
 * commits after the method returns, where neither a failed commit (it would reach callers as an
 * {@code EJBException}) nor a conflict to retry could be handled here. A caller's transaction is
 * suspended for the call, as with {@code REQUIRES_NEW}.
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class JtaTransactions implements Transactions {

  @PersistenceContext(unitName = "store")
  private EntityManager em;

  @Resource private UserTransaction transaction;

  @Override
  public <T> T inTransaction(Function<EntityManager, T> work) {
    return TransactionAttempts.run(() -> once(work));
  }

  private <T> T once(Function<EntityManager, T> work) throws Exception {
    transaction.begin();
    try {
      T result = work.apply(em);
      em.flush();
      transaction.commit();
      return result;
    } catch (Throwable t) {
      // A failed commit has ended the transaction already; anything else leaves it to undo.
      try {
        if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
          transaction.rollback();
        }
      } catch (Exception rollback) {
        t.addSuppressed(rollback);
      }
      throw t;
    }
  }
}
