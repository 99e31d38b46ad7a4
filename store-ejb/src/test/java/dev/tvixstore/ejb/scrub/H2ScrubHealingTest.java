package dev.tvixstore.ejb.scrub;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ScrubHealingDbTest} on H2. */
class H2ScrubHealingTest extends ScrubHealingDbTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  TestDatabase db() {
    return DB;
  }
}
