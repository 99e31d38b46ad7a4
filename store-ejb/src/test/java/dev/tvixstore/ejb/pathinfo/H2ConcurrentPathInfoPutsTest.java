package dev.tvixstore.ejb.pathinfo;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Concurrent puts of one path on H2. */
class H2ConcurrentPathInfoPutsTest extends ConcurrentPathInfoPutsTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  TestDatabase db() {
    return DB;
  }
}
