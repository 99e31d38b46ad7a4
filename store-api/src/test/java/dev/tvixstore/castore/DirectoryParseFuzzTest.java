package dev.tvixstore.castore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary bytes parsed as a Directory. A plain test run replays the inputs saved under {@code
 * DirectoryParseFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class DirectoryParseFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void onlyInvalidDirectoryEscapesAndAcceptedBytesAreCanonical(byte[] data) {
    Directory dir;
    try {
      dir = Directory.parse(data);
    } catch (InvalidDirectoryException e) {
      return;
    }
    assertArrayEquals(data, dir.encode());
    assertEquals(B3Digest.hash(data), dir.digest());
    assertEquals(dir, CastoreProto.fromProto(CastoreProto.toProto(dir)));
  }
}
