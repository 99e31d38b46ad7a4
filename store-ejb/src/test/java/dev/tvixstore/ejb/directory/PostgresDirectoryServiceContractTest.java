package dev.tvixstore.ejb.directory;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The directory contract over {@link JpaDirectoryService} on PostgreSQL. */
class PostgresDirectoryServiceContractTest extends DirectoryServiceDbContractTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  TestDatabase db() {
    return DB;
  }
}
