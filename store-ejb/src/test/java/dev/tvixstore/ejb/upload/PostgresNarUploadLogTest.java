package dev.tvixstore.ejb.upload;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JpaNarUploadLog} on the PostgreSQL of {@code .ci/test}. */
class PostgresNarUploadLogTest extends NarUploadLogDbTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  TestDatabase db() {
    return DB;
  }
}
