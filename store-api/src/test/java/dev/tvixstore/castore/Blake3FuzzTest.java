package dev.tvixstore.castore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * {@link Blake3} against BouncyCastle's {@code Blake3Digest} on fuzzed input, fed in fuzzed pieces.
 * A plain test run replays the inputs saved under {@code Blake3FuzzTestInputs/}; {@code
 * JAZZER_FUZZ=1} fuzzes.
 *
 * <p>Input layout: byte 0 holds a repeat count (low 6 bits, plus one) and a way of splitting
 * (high 2 bits); byte 1 seeds the piece sizes; the rest is the payload, hashed {@code repeat}
 * times over, so that short fuzz inputs still reach the many-chunk paths (up to 64 times the
 * payload).
 */
class Blake3FuzzTest {
  @FuzzTest(maxDuration = "30s")
  void agreesWithBouncyCastleHoweverTheInputIsSplit(byte[] input) {
    if (input.length < 2) {
      return;
    }
    int repeat = 1 + (input[0] & 0x3f);
    int split = (input[0] >>> 6) & 3;
    SplittableRandom random = new SplittableRandom(input[1]);
    int payload = input.length - 2;
    byte[] data = new byte[payload * repeat];
    for (int r = 0; r < repeat; r++) {
      System.arraycopy(input, 2, data, r * payload, payload);
    }

    Blake3Digest reference = new Blake3Digest(256);
    reference.update(data, 0, data.length);
    byte[] expected = new byte[32];
    reference.doFinal(expected, 0);

    Blake3 h = new Blake3();
    for (int pos = 0; pos < data.length; ) {
      int n =
          switch (split) {
            case 0 -> data.length - pos; // whole
            case 1 -> random.nextInt(65); // up to a block, empty pieces included
            case 2 -> 1 + random.nextInt(5000); // around chunks
            default -> Math.max(1, payload); // one payload at a time
          };
      n = Math.min(n, data.length - pos);
      h.update(data, pos, n);
      pos += n;
    }
    assertEquals(HexFormat.of().formatHex(expected), h.digest().toHex());
  }
}
