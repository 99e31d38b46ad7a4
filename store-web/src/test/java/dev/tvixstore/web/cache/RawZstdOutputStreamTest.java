package dev.tvixstore.web.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawZstdOutputStreamTest {

  private static byte[] data(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 131_071, 131_072, 131_073, 500_000})
  void zstdReadsBackTheBytesAndTheLengthIsKnownAhead(int n) throws IOException {
    byte[] data = data(n);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (RawZstdOutputStream zst = new RawZstdOutputStream(out, n)) {
      for (int off = 0; off < n; off += 40_000) {
        zst.write(data, off, Math.min(40_000, n - off));
      }
    }
    assertEquals(RawZstdOutputStream.encodedLength(n), out.size());
    try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      assertArrayEquals(data, in.readAllBytes());
    }
  }

  @Test
  void refusesMoreOrFewerBytesThanDeclared() throws IOException {
    RawZstdOutputStream more = new RawZstdOutputStream(new ByteArrayOutputStream(), 2);
    assertThrows(IOException.class, () -> more.write(new byte[3], 0, 3));
    RawZstdOutputStream fewer = new RawZstdOutputStream(new ByteArrayOutputStream(), 2);
    fewer.write(1);
    assertThrows(IOException.class, fewer::close);
  }
}
