package dev.tvixstore.ejb.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.error.DataLossException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkFileStoreTest {
  @TempDir Path root;
  private ChunkFileStore store;

  @BeforeEach
  void open() {
    store = new ChunkFileStore(root, ChunkFileStore.Options.defaults());
  }

  @AfterEach
  void close() {
    store.close();
  }

  static byte[] text(int size, long seed) {
    // Compressible but not trivial: words from a small alphabet.
    Random rnd = new Random(seed);
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) ('a' + rnd.nextInt(6));
    }
    return b;
  }

  @Test
  void putThenReadReturnsSameBytes() {
    byte[] data = text(200_000, 1);
    B3Digest d = B3Digest.hash(data);
    ChunkFileStore.PutResult r = store.put(d, data, data.length);
    assertTrue(r.created());
    String hex = d.toHex();
    Path file = root.resolve("chunks").resolve(hex.substring(0, 2)).resolve(hex);
    assertEquals(file, store.pathOf(d));
    assertTrue(Files.isRegularFile(file));
    assertTrue(r.storedSize() < data.length / 2, "compressed: " + r.storedSize());
    assertEquals(r.storedSize(), store.storedSize(d).getAsLong());
    assertArrayEquals(data, store.read(d));
    byte[] dst = new byte[data.length + 10];
    assertEquals(data.length, store.read(d, dst));
    assertArrayEquals(data, Arrays.copyOf(dst, data.length));
  }

  @Test
  void chunkFilesAreOneZstdFrame() throws IOException {
    byte[] data = text(5000, 2);
    B3Digest d = B3Digest.hash(data);
    store.put(d, data, data.length);
    assertArrayEquals(data, Zstd.decompress(Files.readAllBytes(store.pathOf(d)), data.length));
  }

  @Test
  void putsAtAnOffsetStoreOnlyThatSlice() {
    byte[] data = text(1000, 3);
    byte[] slice = Arrays.copyOfRange(data, 100, 600);
    B3Digest d = B3Digest.hash(slice);
    store.put(d, data, 100, 500);
    assertArrayEquals(slice, store.read(d));
  }

  @Test
  void secondPutOfAChunkLeavesTheFileAlone() throws IOException {
    byte[] data = text(1000, 4);
    B3Digest d = B3Digest.hash(data);
    store.put(d, data, data.length);
    Object inode = Files.readAttributes(store.pathOf(d), "unix:ino").get("ino");
    ChunkFileStore.PutResult again = store.put(d, data, data.length);
    assertFalse(again.created());
    assertEquals(inode, Files.readAttributes(store.pathOf(d), "unix:ino").get("ino"));
  }

  @Test
  void anEmptyFileLeftByACrashIsReplacedByTheNextPut() throws IOException {
    byte[] data = text(5000, 3);
    B3Digest d = B3Digest.hash(data);
    store.put(d, data, data.length);
    Files.write(store.pathOf(d), new byte[0]); // rename survived a crash, the data did not
    assertThrows(DataLossException.class, () -> store.read(d));
    ChunkFileStore.PutResult again = store.put(d, data, data.length);
    assertTrue(again.created(), "an empty chunk file must not count as stored");
    assertArrayEquals(data, store.read(d));
  }

  @Test
  void missingChunkIsDataLossNamingIt() {
    B3Digest d = B3Digest.hash(new byte[] {1, 2, 3});
    assertFalse(store.exists(d));
    assertTrue(store.storedSize(d).isEmpty());
    DataLossException e = assertThrows(DataLossException.class, () -> store.read(d));
    assertTrue(e.getMessage().contains(d.toHex() + " is missing"), e.getMessage());
  }

  @Test
  void aFlippedBitIsDataLossOrHarmlessNeverWrongBytes() throws IOException {
    byte[] data = text(3000, 5);
    B3Digest d = B3Digest.hash(data);
    store.put(d, data, data.length);
    byte[] good = Files.readAllBytes(store.pathOf(d));
    int detected = 0;
    int flips = 0;
    for (int bit = 0; bit < good.length * 8; bit += 29, flips++) {
      byte[] bad = good.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      Files.write(store.pathOf(d), bad);
      try {
        // Some bits do not affect the output (e.g. unused header bits): the content is intact.
        assertArrayEquals(data, store.read(d), "bit " + bit);
      } catch (DataLossException e) {
        assertTrue(e.getMessage().contains("chunk " + d.toHex() + " is corrupt"), e.getMessage());
        detected++;
      }
    }
    assertTrue(detected > flips * 9 / 10, detected + " of " + flips + " flips detected");
  }

  @Test
  void aTruncatedFileIsDataLoss() throws IOException {
    byte[] data = text(3000, 12);
    B3Digest d = B3Digest.hash(data);
    store.put(d, data, data.length);
    byte[] good = Files.readAllBytes(store.pathOf(d));
    for (int len = 0; len < good.length; len += 1 + len / 4) {
      Files.write(store.pathOf(d), Arrays.copyOf(good, len));
      DataLossException e =
          assertThrows(DataLossException.class, () -> store.read(d), len + " bytes kept");
      assertTrue(e.getMessage().contains("chunk " + d.toHex() + " is corrupt"), e.getMessage());
    }
  }

  @Test
  void randomGarbageIsAlwaysDataLoss() throws IOException {
    long seed = 0xbad_f11eL;
    Random rnd = new Random(seed);
    byte[] data = text(3000, 13);
    B3Digest d = B3Digest.hash(data);
    store.put(d, data, data.length);
    byte[] good = Files.readAllBytes(store.pathOf(d));
    for (int i = 0; i < 300; i++) {
      byte[] bad = new byte[rnd.nextInt(2 * good.length)];
      rnd.nextBytes(bad);
      // Keep a valid header (magic, sizes) on most, so decoding gets past the first check.
      System.arraycopy(good, 0, bad, 0, Math.min(bad.length, rnd.nextInt(good.length)));
      Files.write(store.pathOf(d), bad);
      try {
        store.read(d);
        throw new AssertionError("seed " + seed + " case " + i + ": garbage was accepted");
      } catch (DataLossException e) {
        assertTrue(e.getMessage().contains("chunk " + d.toHex()), e.getMessage());
      }
    }
  }

  @Test
  void otherContentUnderAChunksNameIsDataLoss() throws IOException {
    byte[] data = text(3000, 6);
    B3Digest d = B3Digest.hash(data);
    Files.createDirectories(store.pathOf(d).getParent());
    Files.write(store.pathOf(d), Zstd.compress(text(3000, 7)));
    DataLossException e = assertThrows(DataLossException.class, () -> store.read(d));
    assertTrue(e.getMessage().contains("content hashes to"), e.getMessage());
  }

  @Test
  void chunkLargerThanTheCallersBufferIsDataLoss() {
    byte[] data = text(3000, 8);
    B3Digest d = B3Digest.hash(data);
    store.put(d, data, data.length);
    DataLossException e =
        assertThrows(DataLossException.class, () -> store.read(d, new byte[2999]));
    assertTrue(e.getMessage().contains("more than expected"), e.getMessage());
  }

  @Test
  void deleteRemovesTheFile() {
    byte[] data = text(100, 9);
    B3Digest d = B3Digest.hash(data);
    store.put(d, data, data.length);
    assertTrue(store.exists(d));
    assertTrue(store.delete(d));
    assertFalse(store.exists(d));
    assertFalse(store.delete(d));
  }

  @Test
  void sweepRemovesOnlyOldTempFiles() throws IOException {
    byte[] data = text(100, 10);
    B3Digest d = B3Digest.hash(data);
    store.put(d, data, data.length);
    Path dir = store.pathOf(d).getParent();
    Path old = Files.writeString(dir.resolve(ChunkFileStore.TEMP_PREFIX + "crashed"), "x");
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
    Path fresh = Files.writeString(dir.resolve(ChunkFileStore.TEMP_PREFIX + "running"), "x");
    assertEquals(1, store.sweepTempFiles(Instant.now().minusSeconds(60)));
    assertFalse(Files.exists(old));
    assertTrue(Files.exists(fresh));
    assertTrue(store.exists(d));
  }

  @Test
  void noTempFilesRemainAfterPuts() throws IOException {
    for (int i = 0; i < 20; i++) {
      byte[] data = text(500, 100 + i);
      store.put(B3Digest.hash(data), data, data.length);
    }
    try (Stream<Path> files = Files.walk(root)) {
      assertEquals(
          List.of(),
          files.filter(p -> p.getFileName().toString().startsWith(ChunkFileStore.TEMP_PREFIX))
              .toList());
    }
  }

  @Test
  void concurrentPutsAndReadsOfTheSameChunksNeverSeeAPartialFile() throws Exception {
    int threads = 4;
    int rounds = 5;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < rounds; round++) {
                    start.await(); // all threads race on the same new chunks
                    for (int i = 0; i < 4; i++) {
                      byte[] c = text(64 * 1024, 1000 * round + i);
                      B3Digest d = B3Digest.hash(c);
                      store.put(d, c, c.length);
                      assertArrayEquals(c, store.read(d));
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    try (Stream<Path> files = Files.walk(root.resolve("chunks"))) {
      assertEquals(rounds * 4, files.filter(Files::isRegularFile).count());
    }
  }

  @Test
  void deferredPutsCollectTheirDirectoriesForOneSyncEach() {
    DirectorySyncs pending = new DirectorySyncs();
    List<B3Digest> digests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      byte[] data = text(300, 200 + i);
      B3Digest d = B3Digest.hash(data);
      digests.add(d);
      store.put(d, data, 0, data.length, pending);
      store.put(d, data, 0, data.length, pending); // existing file: still needs its dir synced
    }
    long dirs = digests.stream().map(d -> d.toHex().substring(0, 2)).distinct().count();
    assertEquals(dirs, pending.size());
    store.sync(pending);
    assertEquals(0, pending.size());
    for (B3Digest d : digests) {
      assertTrue(store.exists(d));
    }
    try (ChunkFileStore noSync =
        new ChunkFileStore(root, new ChunkFileStore.Options(3, false, 1024))) {
      byte[] data = text(300, 300);
      noSync.put(B3Digest.hash(data), data, 0, data.length, pending);
      assertEquals(0, pending.size(), "nothing to sync without fsync");
    }
  }

  @Test
  void worksWithoutFsync() {
    ChunkFileStore.Options options = new ChunkFileStore.Options(1, false, 1024);
    try (ChunkFileStore fast = new ChunkFileStore(root, options)) {
      byte[] data = text(1024, 11);
      B3Digest d = B3Digest.hash(data);
      fast.put(d, data, data.length);
      assertArrayEquals(data, fast.read(d));
      assertThrows(IllegalArgumentException.class, () -> fast.put(d, new byte[1025], 1025));
    }
  }

  @Test
  void rejectsBadOptions() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new ChunkFileStore.Options(99, true, 1024));
    assertTrue(e.getMessage().contains("zstd level"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> new ChunkFileStore.Options(3, true, 0));
    assertTrue(e.getMessage().contains("maximum chunk size"), e.getMessage());
  }
}
