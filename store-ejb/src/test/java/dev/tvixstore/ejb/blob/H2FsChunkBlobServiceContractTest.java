package dev.tvixstore.ejb.blob;

import dev.tvixstore.ejb.persistence.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The blob contract over {@link FsChunkBlobService} with its catalog in H2. */
class H2FsChunkBlobServiceContractTest extends FsChunkBlobServiceDbContractTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  TestDatabase db() {
    return DB;
  }
}
