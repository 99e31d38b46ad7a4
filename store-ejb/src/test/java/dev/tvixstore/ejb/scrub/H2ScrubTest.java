package dev.tvixstore.ejb.scrub;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ScrubDbTest} on H2. */
class H2ScrubTest extends ScrubDbTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  TestDatabase db() {
    return DB;
  }
}
