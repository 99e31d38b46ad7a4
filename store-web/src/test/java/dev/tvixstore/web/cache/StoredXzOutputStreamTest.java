package dev.tvixstore.web.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tukaani.xz.XZInputStream;

class StoredXzOutputStreamTest {

  private static byte[] data(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private static byte[] encode(byte[] data, int pieces) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StoredXzOutputStream xz = new StoredXzOutputStream(out);
    int step = Math.max(1, data.length / pieces);
    for (int off = 0; off < data.length; off += step) {
      xz.write(data, off, Math.min(step, data.length - off));
    }
    xz.close();
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 65535, 65536, 65537, 200_003, 1_234_567})
  void anXzDecoderReadsBackTheBytesAndTheLengthIsKnownAhead(int n) throws IOException {
    byte[] data = data(n);
    byte[] xz = encode(data, 7);
    assertEquals(StoredXzOutputStream.encodedLength(n), xz.length);
    try (XZInputStream in = new XZInputStream(new ByteArrayInputStream(xz))) {
      assertArrayEquals(data, in.readAllBytes());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 100_000})
  void aStreamCutShortIsRejectedByTheDecoder(int n) throws IOException {
    byte[] xz = encode(data(n), 1);
    byte[] cut = Arrays.copyOf(xz, xz.length - 13);
    assertThrows(
        IOException.class, () -> new XZInputStream(new ByteArrayInputStream(cut)).readAllBytes());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 70_000})
  void aFlippedDataByteFailsTheCheck(int n) throws IOException {
    byte[] xz = encode(data(n), 1);
    xz[40] ^= 1; // inside the first chunk's data
    assertThrows(
        IOException.class, () -> new XZInputStream(new ByteArrayInputStream(xz)).readAllBytes());
  }
}
