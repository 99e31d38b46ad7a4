package dev.tvixstore.castore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashingStreamTest {
  private static final long SEED = 0x7715_2026L;

  private static byte[] sha256(byte[] data) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  @Test
  void outputStreamHashesEveryByteWrittenInOddPieces() throws Exception {
    Random random = new Random(SEED);
    for (int round = 0; round < 12; round++) {
      byte[] data = new byte[random.nextInt(200_000)];
      random.nextBytes(data);
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      HashingOutputStream out = HashingOutputStream.blake3AndSha256(sink);
      int pos = 0;
      while (pos < data.length) {
        if (random.nextInt(10) == 0) {
          out.write(data[pos++]);
        } else {
          int n = Math.min(data.length - pos, 1 + random.nextInt(9000));
          out.write(data, pos, n);
          pos += n;
        }
      }
      out.close();
      String where = "seed " + SEED + " round " + round;
      assertArrayEquals(data, sink.toByteArray(), where);
      assertEquals(B3Digest.hash(data), out.blake3Digest(), where);
      assertArrayEquals(sha256(data), out.sha256Digest(), where);
      assertEquals(data.length, out.byteCount(), where);
    }
  }

  @Test
  void inputStreamHashesEveryByteReadInOddPieces() throws Exception {
    Random random = new Random(SEED);
    for (int round = 0; round < 12; round++) {
      byte[] data = new byte[random.nextInt(200_000)];
      random.nextBytes(data);
      HashingInputStream in = HashingInputStream.blake3AndSha256(new ByteArrayInputStream(data));
      ByteArrayOutputStream copy = new ByteArrayOutputStream();
      byte[] buffer = new byte[10_000];
      int n = 0;
      while (n >= 0) {
        if (random.nextInt(20) == 0) {
          n = in.read();
          if (n >= 0) {
            copy.write(n);
          }
        } else {
          int off = random.nextInt(100);
          n = in.read(buffer, off, 1 + random.nextInt(buffer.length - off - 1));
          if (n > 0) {
            copy.write(buffer, off, n);
          }
        }
      }
      String where = "seed " + SEED + " round " + round;
      assertArrayEquals(data, copy.toByteArray(), where);
      assertEquals(B3Digest.hash(data), in.blake3Digest(), where);
      assertArrayEquals(sha256(data), in.sha256Digest(), where);
      assertEquals(data.length, in.byteCount(), where);
    }
  }

  @Test
  void skippedAndTransferredBytesAreHashedToo() throws Exception {
    byte[] data = new byte[100_000];
    new Random(SEED).nextBytes(data);
    HashingInputStream in = HashingInputStream.blake3AndSha256(new ByteArrayInputStream(data));
    assertEquals(3, in.read(new byte[3]));
    assertEquals(20_000, in.skip(20_000));
    assertEquals(0, in.skip(-5));
    assertEquals(data.length - 20_003, in.transferTo(OutputStream.nullOutputStream()));
    assertEquals(0, in.skip(10));
    assertEquals(B3Digest.hash(data), in.blake3Digest());
    assertArrayEquals(sha256(data), in.sha256Digest());
    assertEquals(data.length, in.byteCount());
  }

  @Test
  void digestsCoverTheBytesSoFarAndWritingGoesOn() throws Exception {
    HashingOutputStream out = HashingOutputStream.sha256(new ByteArrayOutputStream());
    out.write(new byte[] {1, 2, 3});
    assertArrayEquals(sha256(new byte[] {1, 2, 3}), out.sha256Digest());
    out.write(4);
    assertArrayEquals(sha256(new byte[] {1, 2, 3, 4}), out.sha256Digest());
    assertArrayEquals(sha256(new byte[] {1, 2, 3, 4}), out.sha256Digest());
  }

  @Test
  void emptyStreamHasTheEmptyDigests() throws Exception {
    HashingInputStream in = HashingInputStream.blake3AndSha256(InputStream.nullInputStream());
    assertEquals(-1, in.read());
    assertEquals(B3Digest.EMPTY, in.blake3Digest());
    assertArrayEquals(sha256(new byte[0]), in.sha256Digest());
    assertEquals(0, in.byteCount());
  }

  @Test
  void hashesNotAskedForAreNotAvailable() throws IOException {
    HashingOutputStream b3 = HashingOutputStream.blake3(new ByteArrayOutputStream());
    assertThrows(IllegalStateException.class, b3::sha256Digest);
    HashingInputStream sha = HashingInputStream.sha256(InputStream.nullInputStream());
    assertThrows(IllegalStateException.class, sha::blake3Digest);
    HashingInputStream counting =
        HashingInputStream.of(new ByteArrayInputStream(new byte[7]), false, false);
    assertEquals(7, counting.readAllBytes().length);
    assertEquals(7, counting.byteCount());
    assertFalse(counting.markSupported());
  }

  @Test
  void rejectsOutOfRangeSlices() {
    HashingOutputStream out = HashingOutputStream.blake3(new ByteArrayOutputStream());
    assertThrows(IndexOutOfBoundsException.class, () -> out.write(new byte[4], 3, 2));
    assertEquals(0, out.byteCount());
  }
}
