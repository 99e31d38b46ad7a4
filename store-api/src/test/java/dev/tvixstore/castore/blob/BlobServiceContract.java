package dev.tvixstore.castore.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.testing.BlobFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link BlobService} contract. Every backend extends this class and supplies a fresh, empty
 * instance; see STYLE.md §4.
 */
public abstract class BlobServiceContract {
  /** The service under test, fresh for each test. */
  protected BlobService service;

  /**
   * A digest no test stores: backends may run the contract on a store shared with other tests
   * (the deployed WAR does), so "unknown" must not be a fixture another test puts.
   */
  private static final B3Digest NEVER_STORED =
      B3Digest.hash("never stored by any contract test".getBytes(StandardCharsets.UTF_8));

  /** Returns a new, empty backend instance. */
  protected abstract BlobService newService() throws Exception;

  @BeforeEach
  void createService() throws Exception {
    service = newService();
  }

  /**
   * Whether the backend splits blobs into chunks (DESIGN.md §2). A chunking backend must list
   * several chunks for a multi-chunk blob; one that does not chunk lists none.
   */
  protected boolean chunksBlobs() {
    return false;
  }

  /** Writes {@code data} in pieces of varying size (message boundaries must not matter). */
  protected B3Digest put(byte[] data) throws IOException {
    Random sizes = new Random(data.length);
    try (BlobWriter w = service.openWrite()) {
      int off = 0;
      while (off < data.length) {
        int n = Math.min(data.length - off, 1 + sizes.nextInt(200_000));
        w.write(data, off, n);
        off += n;
      }
      assertEquals(data.length, w.bytesWritten());
      return w.commit();
    }
  }

  /** Reads the whole blob. */
  protected byte[] read(B3Digest digest) throws IOException {
    try (BlobReader r = service.openRead(digest).orElseThrow()) {
      return BlobFixtures.readAll(r);
    }
  }

  @Test
  void emptyBlobAlwaysExists() throws IOException {
    assertTrue(service.has(B3Digest.EMPTY));
    assertEquals(0, service.stat(B3Digest.EMPTY, true).orElseThrow().size());
    assertArrayEquals(new byte[0], read(B3Digest.EMPTY));
  }

  @Test
  void putReturnsBlake3OfContent() throws IOException {
    assertEquals(B3Digest.hash(BlobFixtures.SMALL), put(BlobFixtures.SMALL));
    assertEquals(B3Digest.hash(BlobFixtures.MULTI_CHUNK), put(BlobFixtures.MULTI_CHUNK));
  }

  @Test
  void putThenReadReturnsSameBytes() throws IOException {
    for (byte[] data : List.of(BlobFixtures.ONE_BYTE, BlobFixtures.SMALL, BlobFixtures.MULTI_CHUNK)) {
      assertArrayEquals(data, read(put(data)));
    }
  }

  @Test
  void putOfEmptyContentReturnsEmptyDigest() throws IOException {
    assertEquals(B3Digest.EMPTY, put(new byte[0]));
  }

  @Test
  void statReportsSize() throws IOException {
    B3Digest d = put(BlobFixtures.MULTI_CHUNK);
    BlobStat stat = service.stat(d, false).orElseThrow();
    assertEquals(d, stat.digest());
    assertEquals(BlobFixtures.MULTI_CHUNK.length, stat.size());
  }

  @Test
  void unknownDigestIsEmptyNotAnError() {
    B3Digest unknown = B3Digest.hash("never stored".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(service.openRead(unknown).isEmpty());
    assertTrue(service.stat(unknown, true).isEmpty());
    assertFalse(service.has(unknown));
  }

  @Test
  void closeWithoutCommitStoresNothing() throws IOException {
    byte[] data = BlobFixtures.random(300_000, 7);
    try (BlobWriter w = service.openWrite()) {
      w.write(data);
    }
    assertFalse(service.has(B3Digest.hash(data)));
  }

  @Test
  void writeAfterCommitIsRejected() throws IOException {
    try (BlobWriter w = service.openWrite()) {
      w.write(BlobFixtures.SMALL);
      w.commit();
      assertThrows(IllegalStateException.class, () -> w.write(BlobFixtures.SMALL));
      assertThrows(IllegalStateException.class, w::commit);
    }
  }

  @Test
  void puttingSameContentTwiceGivesSameDigest() throws IOException {
    B3Digest first = put(BlobFixtures.MULTI_CHUNK);
    B3Digest second = put(BlobFixtures.MULTI_CHUNK);
    assertEquals(first, second);
    assertArrayEquals(BlobFixtures.MULTI_CHUNK, read(second));
  }

  @Test
  void seekThenReadReturnsTheRestFromThere() throws IOException {
    byte[] data = BlobFixtures.MULTI_CHUNK;
    B3Digest d = put(data);
    Random random = new Random(11);
    try (BlobReader r = service.openRead(d).orElseThrow()) {
      assertEquals(data.length, r.size());
      for (int i = 0; i < 20; i++) {
        int pos = random.nextInt(data.length + 1);
        r.seek(pos);
        assertEquals(pos, r.position());
        byte[] got = r.readNBytes(Math.min(1000, data.length - pos));
        assertArrayEquals(Arrays.copyOfRange(data, pos, pos + got.length), got, "at offset " + pos);
      }
      r.seek(data.length);
      assertEquals(-1, r.read());
      assertThrows(IllegalArgumentException.class, () -> r.seek(data.length + 1L));
      assertThrows(IllegalArgumentException.class, () -> r.seek(-1));
    }
  }

  @Test
  void chunksListedByStatAreReadableAndConcatenateToTheBlob() throws IOException {
    byte[] data = BlobFixtures.MULTI_CHUNK;
    B3Digest d = put(data);
    BlobStat stat = service.stat(d, true).orElseThrow();
    if (!chunksBlobs()) {
      assertEquals(List.of(), stat.chunks());
      return;
    }
    assertTrue(stat.chunks().size() > 1, "a 2.5 MiB blob is several chunks: " + stat.chunks());
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (BlobStat.ChunkMeta chunk : stat.chunks()) {
      byte[] bytes = read(chunk.digest());
      assertEquals(chunk.size(), bytes.length);
      assertEquals(chunk.digest(), B3Digest.hash(bytes));
      joined.write(bytes);
    }
    assertArrayEquals(data, joined.toByteArray());
  }

  @Test
  void storedBlobIsCompleteAndUnknownIsNot() throws IOException {
    B3Digest d = put(BlobFixtures.MULTI_CHUNK);
    assertTrue(service.isComplete(d));
    assertTrue(service.isComplete(B3Digest.EMPTY));
    assertFalse(service.isComplete(NEVER_STORED));
  }

  @Test
  void incompleteNamesExactlyTheBlobsNotStored() throws IOException {
    B3Digest big = put(BlobFixtures.MULTI_CHUNK);
    B3Digest one = put(BlobFixtures.ONE_BYTE);
    B3Digest unknown = NEVER_STORED;
    assertEquals(java.util.Set.of(unknown),
        service.incomplete(List.of(big, unknown, one, B3Digest.EMPTY, unknown)));
    assertTrue(service.incomplete(List.of()).isEmpty());
  }

  @Test
  void concurrentWritersOfOverlappingContentAllSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<B3Digest>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        byte[] data = i % 2 == 0 ? BlobFixtures.MULTI_CHUNK : BlobFixtures.random(600_000, i % 4);
        Callable<B3Digest> task = () -> put(data);
        results.add(pool.submit(task));
      }
      for (int i = 0; i < results.size(); i++) {
        B3Digest d = results.get(i).get();
        byte[] expected = i % 2 == 0 ? BlobFixtures.MULTI_CHUNK : BlobFixtures.random(600_000, i % 4);
        assertArrayEquals(expected, read(d));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
