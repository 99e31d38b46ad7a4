package dev.tvixstore.ejb.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link TransactionsTest} on H2, where concurrent inserts of one key are retried. */
class H2TransactionsTest extends TransactionsTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  TestDatabase db() {
    return DB;
  }
}
