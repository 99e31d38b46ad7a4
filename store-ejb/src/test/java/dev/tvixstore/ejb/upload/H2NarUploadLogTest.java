package dev.tvixstore.ejb.upload;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JpaNarUploadLog} on H2. */
class H2NarUploadLogTest extends NarUploadLogDbTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  TestDatabase db() {
    return DB;
  }
}
