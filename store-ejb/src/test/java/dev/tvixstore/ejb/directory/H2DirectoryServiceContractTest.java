package dev.tvixstore.ejb.directory;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The directory contract over {@link JpaDirectoryService} on H2. */
class H2DirectoryServiceContractTest extends DirectoryServiceDbContractTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  TestDatabase db() {
    return DB;
  }
}
