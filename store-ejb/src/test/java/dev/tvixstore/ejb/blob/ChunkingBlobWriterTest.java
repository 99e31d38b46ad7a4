package dev.tvixstore.ejb.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write path and the reader together, over an in-memory index; 64 KiB average chunks. */
class ChunkingBlobWriterTest {
  private static final FastCdc CDC = FastCdc.forAverage(64 * 1024);

  @TempDir Path root;
  private ChunkFileStore store;
  private ExecutorService background;
  private InMemoryChunkIndex index;
  private FsChunkBlobService service;

  @BeforeEach
  void open() {
    store = new ChunkFileStore(root, new ChunkFileStore.Options(3, false, CDC.maxSize()));
    background = Executors.newSingleThreadExecutor();
    index = new InMemoryChunkIndex();
    service = FsChunkBlobService.pipelined(store, CDC, index, background);
  }

  @AfterEach
  void close() {
    background.shutdownNow();
    store.close();
  }

  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Writes in odd pieces: 1, 7, 1000, 65537 bytes, cycled. */
  private B3Digest put(byte[] data) throws IOException {
    int[] pieces = {1, 7, 1000, 65_537};
    try (BlobWriter w = service.openWrite()) {
      for (int off = 0, i = 0; off < data.length; i++) {
        int n = Math.min(pieces[i % pieces.length], data.length - off);
        w.write(data, off, n);
        off += n;
      }
      return w.commit();
    }
  }

  private byte[] read(B3Digest d) throws IOException {
    try (BlobReader r = service.openRead(d).orElseThrow()) {
      return r.readAllBytes();
    }
  }

  private List<ChunkRef> chunksOf(B3Digest d) {
    return index.blob(d).orElseThrow().chunks();
  }

  @Test
  void blobsOfEverySizeReadBack() throws IOException {
    for (int size : new int[] {0, 1, 100 * 1024, 3 * 1024 * 1024 + 5}) {
      byte[] data = random(size, size);
      B3Digest d = put(data);
      assertEquals(B3Digest.hash(data), d);
      assertArrayEquals(data, read(d), "size " + size);
    }
    int big = 3 * 1024 * 1024 + 5;
    assertTrue(chunksOf(B3Digest.hash(random(big, big))).size() > 20);
  }

  @Test
  void writeSizesNeverChangeTheChunks() throws IOException {
    byte[] data = random(400_000, 11);
    List<List<ChunkRef>> lists = new ArrayList<>();
    for (int piece : new int[] {1, 7, 64 * 1024, data.length}) {
      InMemoryChunkIndex index = new InMemoryChunkIndex();
      try (BlobWriter w = ChunkingBlobWriter.pipelined(store, CDC, index, background)) {
        for (int off = 0; off < data.length; off += piece) {
          w.write(data, off, Math.min(piece, data.length - off));
        }
        lists.add(index.blob(w.commit()).orElseThrow().chunks());
      }
    }
    assertTrue(lists.get(0).size() > 3, "several chunks: " + lists.get(0));
    for (List<ChunkRef> l : lists) {
      assertEquals(lists.get(0), l);
    }
  }

  @Test
  void emptyBlobHasNoChunks() throws IOException {
    assertEquals(B3Digest.EMPTY, put(new byte[0]));
    assertEquals(List.of(), chunksOf(B3Digest.EMPTY));
    assertEquals(0, index.distinctChunks());
  }

  @Test
  void singleChunkBlobIsHashedOnceAndIsItsOwnChunk() throws IOException {
    // Zeros never match a mask: exactly one full window is one chunk of the maximum size, the
    // edge case where the window fills up before the stream ends.
    for (byte[] data : List.of(new byte[100], new byte[CDC.maxSize()])) {
      ChunkingBlobWriter w = ChunkingBlobWriter.synchronous(store, CDC, index);
      w.write(data, 0, data.length);
      B3Digest d = w.commit();
      assertEquals(0, w.chunksHashed(), data.length + " bytes");
      assertEquals(List.of(new ChunkRef(d, 0, data.length)), chunksOf(d));
      assertArrayEquals(data, store.read(d));
    }
  }

  @Test
  void multiChunkBlobHashesEveryChunk() throws IOException {
    byte[] data = new byte[2 * CDC.maxSize()];
    ChunkingBlobWriter w = ChunkingBlobWriter.synchronous(store, CDC, index);
    w.write(data, 0, data.length);
    B3Digest d = w.commit();
    assertEquals(2, w.chunksHashed());
    B3Digest half = B3Digest.hash(new byte[CDC.maxSize()]);
    assertEquals(
        List.of(
            new ChunkRef(half, 0, CDC.maxSize()),
            new ChunkRef(half, CDC.maxSize(), CDC.maxSize())),
        chunksOf(d));
    assertArrayEquals(data, read(d));
  }

  @Test
  void seekReadsOnlyFromTheChunkHoldingThePosition() throws IOException {
    byte[] data = random(2 * 1024 * 1024, 3);
    B3Digest d = put(data);
    List<ChunkRef> chunks = chunksOf(d);
    ChunkRef third = chunks.get(2);
    // Chunks before the seek target are never read: deleting them must not matter.
    store.delete(chunks.get(0).digest());
    store.delete(chunks.get(1).digest());
    try (BlobReader r = service.openRead(d).orElseThrow()) {
      long pos = third.offset() + 17;
      r.seek(pos);
      byte[] got = r.readNBytes(third.size() * 2);
      assertArrayEquals(Arrays.copyOfRange(data, (int) pos, (int) pos + got.length), got);
      r.seek(third.offset());
      assertEquals(data[(int) third.offset()] & 0xff, r.read());
      r.seek(third.offset() - 1); // last byte of the deleted second chunk
      DataLossException e = assertThrows(DataLossException.class, r::read);
      assertTrue(e.getMessage().contains(chunks.get(1).digest().toHex()), e.getMessage());
    }
  }

  @Test
  void deletedChunkIsDataLossNamingIt() throws IOException {
    byte[] data = random(1024 * 1024, 4);
    B3Digest d = put(data);
    ChunkRef victim = chunksOf(d).get(3);
    store.delete(victim.digest());
    try (BlobReader r = service.openRead(d).orElseThrow()) {
      byte[] before = r.readNBytes((int) victim.offset());
      assertArrayEquals(Arrays.copyOf(data, before.length), before);
      DataLossException e = assertThrows(DataLossException.class, () -> r.read(new byte[10]));
      assertTrue(e.getMessage().contains(victim.digest().toHex() + " is missing"), e.getMessage());
    }
  }

  @Test
  void flippedBitInAChunkFileIsDataLossAndNoByteOfItIsReturned() throws IOException {
    byte[] data = random(1024 * 1024, 5);
    B3Digest d = put(data);
    ChunkRef victim = chunksOf(d).get(1);
    Path file = store.pathOf(victim.digest());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(file, bytes);
    try (BlobReader r = service.openRead(d).orElseThrow()) {
      r.seek(victim.offset());
      byte[] buf = new byte[victim.size()];
      DataLossException e = assertThrows(DataLossException.class, () -> r.read(buf));
      assertTrue(e.getMessage().contains(victim.digest().toHex()), e.getMessage());
      assertArrayEquals(new byte[victim.size()], buf, "nothing copied out of a bad chunk");
    }
  }

  @Test
  void equalContentStoresEachChunkOnce() throws IOException {
    byte[] data = random(1024 * 1024, 6);
    B3Digest first = put(data);
    int files = countChunkFiles();
    assertEquals(chunksOf(first).size(), files);
    // Same bytes inside a larger blob: FastCDC resynchronises, most chunks are shared.
    byte[] shifted = new byte[data.length + 1000];
    System.arraycopy(random(1000, 7), 0, shifted, 0, 1000);
    System.arraycopy(data, 0, shifted, 1000, data.length);
    assertEquals(first, put(data));
    assertEquals(files, countChunkFiles());
    B3Digest other = put(shifted);
    assertArrayEquals(shifted, read(other));
    int added = countChunkFiles() - files;
    assertTrue(added < chunksOf(other).size() / 2, added + " new chunk files for a shifted copy");
    assertEquals(countChunkFiles(), index.distinctChunks());
  }

  private int countChunkFiles() throws IOException {
    try (Stream<Path> s = Files.walk(root.resolve("chunks"))) {
      return (int) s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void closeWithoutCommitReportsNoBlob() throws IOException {
    byte[] data = random(500_000, 8);
    try (BlobWriter w = service.openWrite()) {
      w.write(data);
    }
    assertFalse(index.blob(B3Digest.hash(data)).isPresent());
    assertEquals(1, index.blobCount(), "only the empty blob");
  }

  @Test
  void concurrentWritersOfOverlappingContentAllReadBack() throws Exception {
    byte[] shared = random(1024 * 1024, 9);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        done.add(
            pool.submit(
                () -> {
                  // Every writer shares most chunks with the others, plus its own tail.
                  byte[] data = Arrays.copyOf(shared, shared.length + 300_000);
                  System.arraycopy(random(300_000, 100 + seed), 0, data, shared.length, 300_000);
                  assertArrayEquals(data, read(put(data)));
                  return data;
                }));
      }
      for (Future<byte[]> f : done) {
        byte[] data = f.get();
        assertArrayEquals(data, read(B3Digest.hash(data)));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(countChunkFiles(), index.distinctChunks());
  }

  @Test
  void storageFailureInTheBackgroundFailsTheCommit() throws IOException {
    Path blocked = root.resolve("blocked");
    Files.writeString(blocked, "a file where the chunks directory should be");
    try (ChunkFileStore broken = new ChunkFileStore(blocked, ChunkFileStore.Options.defaults())) {
      ChunkingBlobWriter w =
          ChunkingBlobWriter.pipelined(broken, CDC, new InMemoryChunkIndex(), background);
      byte[] data = random(500_000, 10);
      StorageException e =
          assertThrows(
              StorageException.class,
              () -> {
                w.write(data, 0, data.length);
                w.commit();
              });
      assertTrue(e.getMessage().contains("cannot store chunk"), e.getMessage());
      assertThrows(IllegalStateException.class, w::commit, "a failed writer is closed");
    }
  }

  @Test
  void readerRejectsAChunkListWithAGap() {
    B3Digest a = B3Digest.hash(new byte[] {1});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ChunkedBlobReader(
                    store, List.of(new ChunkRef(a, 0, 1), new ChunkRef(a, 2, 1))));
    assertTrue(e.getMessage().contains("starts at 2, expected 1"), e.getMessage());
  }
}
