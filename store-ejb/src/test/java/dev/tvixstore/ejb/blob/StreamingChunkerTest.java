package dev.tvixstore.ejb.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingChunkerTest {

  /** Chunk lengths of the crate's in-memory iterator: cut over everything left, repeatedly. */
  static List<Integer> wholeCuts(FastCdc cdc, byte[] data) {
    List<Integer> out = new ArrayList<>();
    int cursor = 0;
    while (cursor < data.length) {
      int len = cdc.cut(data, cursor, data.length - cursor).length();
      out.add(len);
      cursor += len;
    }
    return out;
  }

  /** Feeds {@code data} in pieces of the given sizes (cycled) and returns the chunk lengths. */
  static List<Integer> streamCuts(FastCdc cdc, byte[] data, int... pieces) throws IOException {
    List<Integer> lengths = new ArrayList<>();
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    StreamingChunker chunker =
        new StreamingChunker(
            cdc,
            (b, off, len) -> {
              lengths.add(len);
              joined.write(b, off, len);
            });
    int pos = 0;
    for (int i = 0; pos < data.length; i++) {
      int n = Math.min(pieces[i % pieces.length], data.length - pos);
      chunker.update(data, pos, n);
      pos += n;
    }
    chunker.finish();
    assertArrayEquals(data, joined.toByteArray(), "chunks must concatenate to the input");
    return lengths;
  }

  private static byte[] random(long seed, int size) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void slicingNeverMovesACutPoint() throws IOException {
    FastCdc cdc = FastCdc.forAverage(16 * 1024);
    byte[] data = random(1, 1_000_003);
    List<Integer> expected = wholeCuts(cdc, data);
    assertTrue(expected.size() > 30, "enough chunks to mean something: " + expected.size());
    assertEquals(expected, streamCuts(cdc, data, 1));
    assertEquals(expected, streamCuts(cdc, data, 7));
    assertEquals(expected, streamCuts(cdc, data, 64 * 1024));
    assertEquals(expected, streamCuts(cdc, data, data.length));
    assertEquals(expected, streamCuts(cdc, data, 32 * 1024, 1, 32 * 1024 + 1, 3));
  }

  @Test
  void sekienStreamedByteByByteMatchesTheCrate() throws IOException {
    FastCdc cdc = FastCdc.of(4096, 16384, 65535, 1);
    assertEquals(
        List.of(21325, 17140, 28084, 18217, 24700), streamCuts(cdc, FastCdcTest.sekien(), 1));
  }

  @Test
  void chunksStayWithinMinimumAndMaximum() throws IOException {
    FastCdc cdc = FastCdc.forAverage(FastCdc.DEFAULT_AVERAGE);
    byte[] data = random(2, 6 * 1024 * 1024);
    List<Integer> lengths = streamCuts(cdc, data, 65_536);
    for (int i = 0; i < lengths.size(); i++) {
      int len = lengths.get(i);
      assertTrue(len <= cdc.maxSize(), "chunk " + i + " longer than max: " + len);
      if (i < lengths.size() - 1) {
        // The crate can cut one byte before the minimum (first byte through the shifted table).
        assertTrue(len >= cdc.minSize() - 1, "chunk " + i + " shorter than min: " + len);
      }
    }
  }

  @Test
  void zerosAreCutAtTheMaximumAndTheTailIsKept() throws IOException {
    FastCdc cdc = FastCdc.forAverage(1024);
    byte[] zeros = new byte[2048 * 3 + 100];
    assertEquals(List.of(2048, 2048, 2048, 100), streamCuts(cdc, zeros, 333));
  }

  @Test
  void smallStreamsAreOneChunkEmittedAtFinish() throws IOException {
    FastCdc cdc = FastCdc.forAverage(1024);
    List<Integer> emitted = new ArrayList<>();
    StreamingChunker chunker = new StreamingChunker(cdc, (b, off, len) -> emitted.add(len));
    byte[] full = random(3, cdc.maxSize());
    chunker.update(full, 0, full.length);
    // A full window alone is not cut: the stream might end here, making it the only chunk.
    assertEquals(List.of(), emitted);
    assertEquals(cdc.maxSize(), chunker.pending());
    chunker.finish();
    assertEquals(cdc.maxSize(), emitted.stream().mapToInt(Integer::intValue).sum());
    assertEquals(0, chunker.pending());
    emitted.clear();
    chunker.finish();
    assertEquals(List.of(), emitted, "an empty stream has no chunks");
  }

  @Test
  void randomDataAndRandomSlicesGiveTheWholeInputCuts() throws IOException {
    long seed = 0x5eed_c0deL;
    Random rnd = new Random(seed);
    for (int iteration = 0; iteration < 40; iteration++) {
      int avg = 512 << rnd.nextInt(6);
      FastCdc cdc = FastCdc.of(avg / 2, avg, avg * 2, rnd.nextInt(4));
      byte[] data = new byte[rnd.nextInt(60 * avg)];
      // Low-entropy runs too, so maximum-size cuts happen as well as hash cuts.
      rnd.nextBytes(data);
      if (rnd.nextBoolean()) {
        int from = rnd.nextInt(data.length + 1);
        Arrays.fill(data, from, Math.min(data.length, from + 5 * avg), (byte) 7);
      }
      int[] pieces = new int[1 + rnd.nextInt(5)];
      for (int i = 0; i < pieces.length; i++) {
        pieces[i] = 1 + rnd.nextInt(rnd.nextBoolean() ? 17 : 5 * avg);
      }
      assertEquals(
          wholeCuts(cdc, data),
          streamCuts(cdc, data, pieces),
          "seed " + seed + " iteration " + iteration + " " + cdc);
    }
  }
}
