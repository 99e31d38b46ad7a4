package dev.tvixstore.ejb.scrub;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ScrubRunnerDbTest} on the PostgreSQL of {@code .ci/test}. */
class PostgresScrubRunnerTest extends ScrubRunnerDbTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  TestDatabase db() {
    return DB;
  }
}
