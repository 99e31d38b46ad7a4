package dev.tvixstore.ejb.blob;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ConcurrentBlobWritersTest} on H2, where conflicting inserts are retried. */
class H2ConcurrentBlobWritersTest extends ConcurrentBlobWritersTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  TestDatabase db() {
    return DB;
  }
}
