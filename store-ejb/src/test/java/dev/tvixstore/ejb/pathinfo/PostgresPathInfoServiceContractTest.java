package dev.tvixstore.ejb.pathinfo;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PathInfo contracts over {@link JpaPathInfoService} on PostgreSQL. */
class PostgresPathInfoServiceContractTest extends PathInfoServiceDbContractTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  TestDatabase db() {
    return DB;
  }
}
