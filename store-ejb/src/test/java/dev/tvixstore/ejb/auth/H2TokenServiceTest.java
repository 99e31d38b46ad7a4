package dev.tvixstore.ejb.auth;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JpaTokenService} on H2. */
class H2TokenServiceTest extends JpaTokenServiceTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  TestDatabase db() {
    return DB;
  }
}
