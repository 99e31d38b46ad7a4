package dev.tvixstore.ejb.auth;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JpaTokenService} on the PostgreSQL of {@code .ci/test}. */
class PostgresTokenServiceTest extends JpaTokenServiceTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  TestDatabase db() {
    return DB;
  }
}
