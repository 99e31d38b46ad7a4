package dev.tvixstore.ejb.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.ejb.persistence.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many writers at once whose blobs share chunks, and some of whom write the same blob: every
 * write succeeds, reads back, and each chunk, blob and chunk list is one set of rows. Subclasses
 * name the database.
 */
abstract class ConcurrentBlobWritersTest {
  /** Small chunks: blobs of 3 segments are about 10 chunks each. */
  private static final FastCdc CDC = FastCdc.forAverage(16 * 1024);

  @TempDir Path root;

  abstract TestDatabase db();

  /** Blob {@code i}: three of six shared segments, the same one twice for some. */
  private static List<byte[]> blobs() {
    Random random = new Random(42);
    byte[][] segments = new byte[6][48 * 1024];
    for (byte[] s : segments) {
      random.nextBytes(s);
    }
    List<byte[]> blobs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.writeBytes(segments[i % 6]);
      b.writeBytes(segments[(i + 1) % 6]);
      b.writeBytes(segments[(i * 5 + 3) % 6]);
      blobs.add(b.toByteArray());
    }
    return blobs;
  }

  @Test
  void overlappingWritersAllSucceedAndEveryRowIsStoredOnce() throws Exception {
    db().clear();
    List<byte[]> blobs = blobs();
    ExecutorService writers = Executors.newFixedThreadPool(6);
    ExecutorService background = Executors.newFixedThreadPool(2);
    ChunkFileStore store = new ChunkFileStore(root, new ChunkFileStore.Options(3, false, 1 << 20));
    try (FsChunkBlobService service =
        FsChunkBlobService.pipelined(
            store, CDC, new JpaBlobCatalog(db().transactions()), background)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<B3Digest>> results = new ArrayList<>();
      for (int round = 0; round < 2; round++) {
        for (byte[] data : blobs) {
          results.add(
              writers.submit(
                  () -> {
                    start.await();
                    try (BlobWriter w = service.openWrite()) {
                      w.write(data);
                      return w.commit();
                    }
                  }));
        }
      }
      start.countDown();
      Map<B3Digest, byte[]> distinct = new LinkedHashMap<>();
      for (int i = 0; i < results.size(); i++) {
        byte[] data = blobs.get(i % blobs.size());
        B3Digest digest = results.get(i).get();
        assertEquals(B3Digest.hash(data), digest);
        distinct.put(digest, data);
      }

      Set<B3Digest> chunks = new HashSet<>();
      long chunkLists = 0;
      for (Map.Entry<B3Digest, byte[]> e : distinct.entrySet()) {
        try (BlobReader r = service.openRead(e.getKey()).orElseThrow()) {
          assertArrayEquals(e.getValue(), r.readAllBytes());
        }
        List<BlobStat.ChunkMeta> list = service.stat(e.getKey(), true).orElseThrow().chunks();
        chunkLists += list.size();
        list.forEach(c -> chunks.add(c.digest()));
      }
      assertEquals(distinct.size(), db().count("blob"));
      assertEquals(chunks.size(), db().count("chunk"));
      assertEquals(chunkLists, db().count("blob_chunk"));
    } finally {
      writers.shutdownNow();
      background.shutdownNow();
    }
  }
}
