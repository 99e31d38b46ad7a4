package dev.tvixstore.ejb.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.error.DataLossException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChunkedBlobReader} with read-ahead: the same bytes as without it, in any order of
 * seeks, and a damaged chunk still fails exactly when the reader reaches it.
 */
class ChunkedBlobReaderTest {
  private static final int CHUNK = 10_000;
  private static final int CHUNKS = 12;

  @TempDir Path root;
  private ChunkFileStore store;
  private ExecutorService pool;
  private byte[] blob;
  private List<ChunkRef> chunks;

  @BeforeEach
  void storeChunks() {
    store = new ChunkFileStore(root, new ChunkFileStore.Options(3, false, 1 << 20));
    pool = Executors.newFixedThreadPool(2);
    blob = new byte[CHUNK * CHUNKS - 123]; // a short last chunk
    new Random(42).nextBytes(blob);
    chunks = new ArrayList<>();
    for (int off = 0; off < blob.length; off += CHUNK) {
      int len = Math.min(CHUNK, blob.length - off);
      byte[] part = Arrays.copyOfRange(blob, off, off + len);
      B3Digest digest = B3Digest.hash(part);
      store.put(digest, part, len);
      chunks.add(new ChunkRef(digest, off, len));
    }
  }

  @AfterEach
  void close() {
    pool.shutdownNow();
    store.close();
  }

  @Test
  void readsTheBlobWholeInOddPieces() throws IOException {
    try (ChunkedBlobReader r = new ChunkedBlobReader(store, chunks, pool)) {
      byte[] back = new byte[blob.length];
      int at = 0;
      int n;
      while ((n = r.read(back, at, Math.min(3_333, back.length - at))) > 0) {
        at += n;
      }
      assertEquals(blob.length, at);
      assertArrayEquals(blob, back);
      assertEquals(-1, r.read());
    }
  }

  @Test
  void randomSeeksReturnTheRightBytes() throws IOException {
    Random random = new Random(7);
    try (ChunkedBlobReader r = new ChunkedBlobReader(store, chunks, pool)) {
      for (int i = 0; i < 300; i++) {
        int from = random.nextInt(blob.length);
        int len = Math.min(1 + random.nextInt(2 * CHUNK), blob.length - from);
        r.seek(from);
        byte[] got = r.readNBytes(len);
        assertArrayEquals(Arrays.copyOfRange(blob, from, from + len), got, "at " + from);
      }
    }
  }

  @Test
  void corruptChunkFailsWhenReachedNotBefore() throws IOException {
    Path damaged = store.pathOf(chunks.get(5).digest());
    byte[] other = new byte[CHUNK];
    new Random(9).nextBytes(other);
    Files.delete(damaged);
    store.put(chunks.get(5).digest(), other, CHUNK); // valid zstd, wrong content
    try (ChunkedBlobReader r = new ChunkedBlobReader(store, chunks, pool)) {
      byte[] head = r.readNBytes(5 * CHUNK);
      assertArrayEquals(Arrays.copyOf(blob, 5 * CHUNK), head, "chunks before the damage");
      DataLossException e = assertThrows(DataLossException.class, () -> r.read(new byte[10]));
      assertTrue(e.getMessage().contains(chunks.get(5).digest().toHex()), e.getMessage());
    }
  }

  @Test
  void aRejectingExecutorOnlyCostsTheReadAhead() throws IOException {
    try (ChunkedBlobReader r =
        new ChunkedBlobReader(
            store,
            chunks,
            task -> {
              throw new RejectedExecutionException("busy");
            })) {
      assertArrayEquals(blob, r.readAllBytes());
    }
  }

  @Test
  void closingWhileReadingAheadIsHarmless() throws IOException {
    for (int i = 0; i < 50; i++) {
      try (ChunkedBlobReader r = new ChunkedBlobReader(store, chunks, pool)) {
        assertEquals(blob[0] & 0xff, r.read());
      }
    }
    try (ChunkedBlobReader r = new ChunkedBlobReader(store, chunks, pool)) {
      assertArrayEquals(blob, r.readAllBytes());
    }
  }
}
