package dev.tvixstore.ejb.directory;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ConcurrentDirectoryPutsTest} on PostgreSQL. */
class PostgresConcurrentDirectoryPutsTest extends ConcurrentDirectoryPutsTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  TestDatabase db() {
    return DB;
  }
}
