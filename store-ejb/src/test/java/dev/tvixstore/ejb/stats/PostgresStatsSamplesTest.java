package dev.tvixstore.ejb.stats;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresStatsSamplesTest extends StatsSamplesDbTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  TestDatabase db() {
    return DB;
  }
}
