package dev.tvixstore.ejb.blob;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The blob contract over {@link FsChunkBlobService} with its catalog in PostgreSQL. */
class PostgresFsChunkBlobServiceContractTest extends FsChunkBlobServiceDbContractTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  TestDatabase db() {
    return DB;
  }
}
