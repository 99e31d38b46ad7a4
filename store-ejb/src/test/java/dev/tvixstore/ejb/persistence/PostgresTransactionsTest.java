package dev.tvixstore.ejb.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link TransactionsTest} on PostgreSQL ({@code .ci/test} provides it). */
class PostgresTransactionsTest extends TransactionsTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  TestDatabase db() {
    return DB;
  }
}
