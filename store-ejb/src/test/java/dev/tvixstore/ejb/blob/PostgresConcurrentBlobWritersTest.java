package dev.tvixstore.ejb.blob;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ConcurrentBlobWritersTest} on PostgreSQL, where conflicting inserts wait and skip. */
class PostgresConcurrentBlobWritersTest extends ConcurrentBlobWritersTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  TestDatabase db() {
    return DB;
  }
}
