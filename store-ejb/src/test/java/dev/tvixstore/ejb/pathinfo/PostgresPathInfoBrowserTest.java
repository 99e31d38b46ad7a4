package dev.tvixstore.ejb.pathinfo;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresPathInfoBrowserTest extends PathInfoBrowserDbTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  TestDatabase db() {
    return DB;
  }
}
