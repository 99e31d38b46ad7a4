package dev.tvixstore.nix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tvixstore.castore.Node;
import dev.tvixstore.error.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Arbitrary bytes into the NAR reader. A plain test run replays the inputs saved under {@code
 * NarReaderFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class NarReaderFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void onlyInvalidRequestEscapesAndAcceptedBytesRenderBackExactly(byte[] data) throws IOException {
    CapturingHandler h = new CapturingHandler();
    Node root;
    try {
      root = NarReader.read(new ByteArrayInputStream(data), h, 64);
    } catch (InvalidRequestException e) {
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new NarWriter(h.store, h.store).write(root, out);
    assertArrayEquals(data, out.toByteArray());
  }
}
