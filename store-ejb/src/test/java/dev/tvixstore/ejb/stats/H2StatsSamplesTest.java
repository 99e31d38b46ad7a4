package dev.tvixstore.ejb.stats;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2StatsSamplesTest extends StatsSamplesDbTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  TestDatabase db() {
    return DB;
  }
}
