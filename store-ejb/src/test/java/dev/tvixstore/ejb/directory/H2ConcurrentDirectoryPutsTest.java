package dev.tvixstore.ejb.directory;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ConcurrentDirectoryPutsTest} on H2. */
class H2ConcurrentDirectoryPutsTest extends ConcurrentDirectoryPutsTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  TestDatabase db() {
    return DB;
  }
}
