package dev.tvixstore.castore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Blake3} against the official test vectors and, differentially, against BouncyCastle's
 * {@code Blake3Digest} over seeded random lengths and ways of splitting the input.
 */
class Blake3Test {
  private static final long SEED = 0xB1A4E3L;

  /** The official vectors' input: byte i is i % 251. */
  private static byte[] vectorInput(int len) {
    byte[] data = new byte[len];
    for (int i = 0; i < len; i++) {
      data[i] = (byte) (i % 251);
    }
    return data;
  }

  static Stream<Arguments> officialVectors() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (InputStream in = Blake3Test.class.getResourceAsStream("blake3-test-vectors.txt");
        BufferedReader r =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] f = line.trim().split(" +");
          cases.add(Arguments.of(Integer.parseInt(f[0]), f[1]));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} bytes")
  @MethodSource("officialVectors")
  void matchesOfficialVectorInOnePieceAndByteByByte(int len, String hex) {
    byte[] data = vectorInput(len);
    assertEquals(hex, Blake3.hash(data).toHex());
    Blake3 h = new Blake3();
    for (int i = 0; i < len; i++) {
      h.update(data, i, 1);
    }
    assertEquals(hex, h.digest().toHex());
    assertEquals(hex, new Blake3().update(ByteBuffer.wrap(data)).digest().toHex());
    ByteBuffer direct = ByteBuffer.allocateDirect(len).put(data).flip();
    assertEquals(hex, new Blake3().update(direct).digest().toHex());
  }

  @Test
  void officialVectorsHold() throws IOException {
    assertEquals(22, officialVectors().count());
  }

  private static byte[] bouncyCastle(byte[] data) {
    Blake3Digest d = new Blake3Digest(256);
    d.update(data, 0, data.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  /**
   * Lengths that sit on and next to block, chunk and subtree boundaries and the sizes where chunks
   * start to be hashed side by side (9 chunks, 65 chunks), random ones up to 40 KiB, and a few MiB.
   */
  private static int[] lengths(SplittableRandom random) {
    List<Integer> lens = new ArrayList<>();
    int[] bases = {0, 64, 128, 960, 1024, 2048, 4096, 8192, 9216, 16384, 65536, 66560};
    for (int base : bases) {
      for (int d = -2; d <= 2; d++) {
        if (base + d >= 0) {
          lens.add(base + d);
        }
      }
    }
    for (int i = 0; i < 300; i++) {
      lens.add(random.nextInt(40 * 1024 + 1));
    }
    lens.add((1 << 20) + 1);
    lens.add(3 * (1 << 20) - 1);
    lens.add(4 << 20);
    return lens.stream().mapToInt(Integer::intValue).toArray();
  }

  /** One way of cutting {@code len} bytes into update() calls, picked by {@code mode}. */
  private static int nextPiece(int mode, int pos, int len, SplittableRandom random) {
    int left = len - pos;
    int n =
        switch (mode) {
          case 0 -> left; // one piece
          case 1 -> 1; // single bytes
          case 2 -> 1 + random.nextInt(200); // odd small sizes
          case 3 -> 64 - pos % 64; // up to the next block boundary
          case 4 -> 1024 - pos % 1024; // up to the next chunk boundary
          case 5 -> 1 + random.nextInt(20_000); // large random pieces
          case 6 -> random.nextBoolean() ? 1024 : 63 + random.nextInt(3); // around sizes
          default -> random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(5000); // with empty pieces
        };
    return Math.min(n, left);
  }

  @Test
  void agreesWithBouncyCastleOverRandomLengthsAndSplits() {
    SplittableRandom random = new SplittableRandom(SEED);
    int checked = 0;
    for (int len : lengths(random)) {
      byte[] data = new byte[len];
      random.nextBytes(data);
      String expected = B3Digest.of(bouncyCastle(data)).toHex();
      // Single bytes are slow on the MiB inputs: those get the other patterns only.
      for (int mode = len > 100_000 ? 2 : 0; mode < 8; mode++) {
        Blake3 h = new Blake3();
        int start = random.nextInt(8);
        byte[] shifted = new byte[start + len + 3]; // an offset into a larger array
        System.arraycopy(data, 0, shifted, start, len);
        for (int pos = 0; pos < len; ) {
          int n = nextPiece(mode, pos, len, random);
          h.update(shifted, start + pos, n);
          pos += n;
        }
        assertEquals(expected, h.digest().toHex(), () -> "length " + len);
        checked++;
      }
    }
    assertEquals(true, checked > 2000);
  }

  @Test
  void digestLeavesTheStateUsableAndResetStartsOver() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    byte[] data = new byte[10_000];
    random.nextBytes(data);
    Blake3 h = new Blake3();
    for (int pos = 0; pos < data.length; ) {
      int n = Math.min(data.length - pos, 1 + random.nextInt(1500));
      h.update(data, pos, n);
      pos += n;
      byte[] prefix = java.util.Arrays.copyOf(data, pos);
      assertEquals(B3Digest.of(bouncyCastle(prefix)), h.digest());
      assertEquals(h.digest(), h.digest());
    }
    h.reset();
    assertEquals(B3Digest.EMPTY, h.digest());
    assertEquals(Blake3.hash(data), h.update(data).digest());
  }

  @Test
  void rejectsRangesOutsideTheArray() {
    Blake3 h = new Blake3();
    byte[] data = new byte[10];
    assertThrows(IndexOutOfBoundsException.class, () -> h.update(data, 5, 6));
    assertThrows(IndexOutOfBoundsException.class, () -> h.update(data, -1, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> h.update(data, 0, -1));
    assertEquals(B3Digest.EMPTY, h.digest());
  }
}
