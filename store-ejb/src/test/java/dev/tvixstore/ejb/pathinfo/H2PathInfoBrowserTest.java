package dev.tvixstore.ejb.pathinfo;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2PathInfoBrowserTest extends PathInfoBrowserDbTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  TestDatabase db() {
    return DB;
  }
}
