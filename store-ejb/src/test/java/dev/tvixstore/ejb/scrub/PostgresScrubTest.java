package dev.tvixstore.ejb.scrub;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ScrubDbTest} on the PostgreSQL of {@code .ci/test}. */
class PostgresScrubTest extends ScrubDbTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  TestDatabase db() {
    return DB;
  }
}
