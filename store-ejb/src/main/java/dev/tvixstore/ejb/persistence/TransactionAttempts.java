package dev.tvixstore.ejb.persistence;

import dev.tvixstore.error.StorageException;
import dev.tvixstore.error.StoreException;
import java.sql.SQLException;
import java.util.Set;

/**
 * The retry and error translation every {@link Transactions} implementation shares: an attempt
 * that fails with a conflict between concurrent transactions runs again; any other failure
 * becomes a {@link StorageException}; the domain's {@link StoreException}s pass unchanged.
 */
final class TransactionAttempts {
  /**
   * Each retry follows a concurrent transaction's commit of a row this one wanted to insert, and
   * then sees that row; more than a few in a row means something else is wrong.
   */
  static final int MAX_ATTEMPTS = 8;

  /**
   * SQLStates of conflicts that a new attempt resolves: unique violation (H2 reports it for a
   * concurrent insert-if-absent), serialization failure or H2 deadlock, PostgreSQL deadlock and
   * lock timeout, H2 lock timeout and concurrent update.
   */
  private static final Set<String> CONFLICTS =
      Set.of("23505", "40001", "40P01", "55P03", "HYT00", "90131");

  /** One begin-work-commit, rolled back by itself when it fails. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws Exception;
  }

  private TransactionAttempts() {}

  static <T> T run(Attempt<T> attempt) {
    for (int n = 1; ; n++) {
      try {
        return attempt.run();
      } catch (StoreException e) {
        throw e;
      } catch (Exception e) {
        if (n < MAX_ATTEMPTS && isConflict(e)) {
          continue;
        }
        String tries = n > 1 ? " (attempt " + n + ")" : "";
        throw new StorageException("metadata transaction failed" + tries + ": " + e, e);
      }
    }
  }

  /** Whether a SQLException in the cause chain (or a batch's next exceptions) is a conflict. */
  static boolean isConflict(Throwable e) {
    for (int depth = 0; e != null && depth < 20; e = e.getCause(), depth++) {
      if (e instanceof SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
          if (s.getSQLState() != null && CONFLICTS.contains(s.getSQLState())) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
