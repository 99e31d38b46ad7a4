package dev.tvixstore.ejb.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.ejb.persistence.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BlobBatch} over H2 and real files: nothing is visible or under a final file name before
 * the commit, everything after it, and an abandoned batch leaves neither rows nor files.
 */
class BlobBatchTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  private static final FastCdc CDC = FastCdc.forAverage(16 * 1024);

  @TempDir Path root;
  private ChunkFileStore store;
  private FsChunkBlobService service;
  private ExecutorService background;

  @BeforeEach
  void open() throws SQLException {
    DB.clear();
    store = new ChunkFileStore(root, new ChunkFileStore.Options(3, true, 1 << 20));
    background = Executors.newFixedThreadPool(2);
    service =
        FsChunkBlobService.pipelined(
            store, CDC, new CachingBlobCatalog(new JpaBlobCatalog(DB.transactions()), 1000),
            background);
  }

  @AfterEach
  void close() {
    service.close();
    background.shutdownNow();
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static B3Digest put(BlobBatch batch, byte[] data) throws IOException {
    try (BlobWriter w = batch.openWrite()) {
      w.write(data);
      return w.commit();
    }
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).toList();
    }
  }

  private long finalFiles() throws IOException {
    return files().stream()
        .filter(p -> !p.getFileName().toString().startsWith(ChunkFileStore.TEMP_PREFIX))
        .count();
  }

  @Test
  void blobsAppearOnlyWhenTheBatchCommits() throws Exception {
    try (BlobBatch batch = service.openBatch()) {
      B3Digest small = put(batch, random(1000, 1));
      B3Digest large = put(batch, random(200_000, 2));
      assertEquals(0, DB.count("blob"));
      assertEquals(0, finalFiles(), "chunk files wait under temp names");
      assertFalse(batch.has(small));
      batch.commit();
      assertEquals(2, DB.count("blob"));
      assertEquals(DB.count("chunk"), finalFiles());
      assertTrue(service.isComplete(large));
      try (BlobReader r = service.openRead(large).orElseThrow()) {
        assertArrayEquals(random(200_000, 2), r.readAllBytes());
      }
      assertTrue(batch.has(small));
    }
    assertEquals(0, files().size() - finalFiles(), "no temp file is left");
  }

  @Test
  void aBatchClosedWithoutCommitLeavesNoRowsAndNoFiles() throws Exception {
    B3Digest d;
    try (BlobBatch batch = service.openBatch()) {
      d = put(batch, random(100_000, 3));
      put(batch, random(500, 4));
    }
    assertEquals(0, DB.count("blob"));
    assertEquals(0, DB.count("chunk"));
    assertEquals(List.of(), files());
    assertTrue(service.stat(d, false).isEmpty());
  }

  @Test
  void theSameContentTwiceInABatchIsOneBlobAndOneFile() throws Exception {
    try (BlobBatch batch = service.openBatch()) {
      B3Digest a = put(batch, random(3000, 5));
      B3Digest b = put(batch, random(3000, 5));
      assertEquals(a, b);
      batch.commit();
    }
    assertEquals(1, DB.count("blob"));
    assertEquals(1, finalFiles());
  }

  @Test
  void aBlobStoredBeforeIsNotWrittenAgain() throws Exception {
    B3Digest before;
    try (BlobWriter w = service.openWrite()) {
      w.write(random(2000, 6));
      before = w.commit();
    }
    try (BlobBatch batch = service.openBatch()) {
      assertEquals(before, put(batch, random(2000, 6)));
      batch.commit();
    }
    assertEquals(1, DB.count("blob"));
    assertEquals(1, files().size());
  }

  @Test
  void aFullBatchCommitsOnItsOwnSoMemoryStaysBounded() throws Exception {
    List<B3Digest> digests = new ArrayList<>();
    try (BlobBatch batch = service.openBatch(10)) {
      for (int i = 0; i < 25; i++) {
        digests.add(put(batch, random(100 + i, 100 + i)));
      }
      assertEquals(2, batch.commits());
      assertEquals(20, DB.count("blob"));
      batch.commit();
    }
    assertEquals(25, DB.count("blob"));
    assertEquals(Set.of(), service.incomplete(digests));
  }

  @Test
  void commitAllIsOneTransactionAllOrNothing() throws Exception {
    JpaBlobCatalog catalog = new JpaBlobCatalog(DB.transactions());
    B3Digest good = B3Digest.hash(new byte[] {1});
    B3Digest bad = B3Digest.hash(new byte[] {2});
    List<BlobCatalog.StoredBlob> blobs =
        List.of(
            new BlobCatalog.StoredBlob(
                good, 1, List.of(new ChunkRef(good, 0, 1)), Map.of(good, 10L)),
            // A negative size breaks a CHECK constraint inside the transaction.
            new BlobCatalog.StoredBlob(
                bad, -1, List.of(new ChunkRef(bad, 0, 1)), Map.of(bad, 10L)));
    assertThrows(RuntimeException.class, () -> catalog.commitAll(blobs));
    assertEquals(0, DB.count("blob"));
    assertEquals(0, DB.count("chunk"));
    assertEquals(0, DB.count("blob_chunk"));
  }

  @Test
  void aStoredBlobMustListEveryChunksStoredSize() {
    B3Digest d = B3Digest.hash(new byte[] {3});
    assertThrows(
        IllegalStateException.class,
        () -> new BlobCatalog.StoredBlob(d, 1, List.of(new ChunkRef(d, 0, 1)), Map.of()));
  }
}
