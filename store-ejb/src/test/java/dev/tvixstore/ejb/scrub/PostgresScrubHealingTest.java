package dev.tvixstore.ejb.scrub;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ScrubHealingDbTest} on the PostgreSQL of {@code .ci/test}. */
class PostgresScrubHealingTest extends ScrubHealingDbTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  TestDatabase db() {
    return DB;
  }
}
