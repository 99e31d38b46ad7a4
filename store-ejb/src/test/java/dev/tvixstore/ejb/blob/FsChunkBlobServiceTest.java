package dev.tvixstore.ejb.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.error.DataLossException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FsChunkBlobService} with its catalog in H2, beyond the contract: when rows appear, what
 * damaged chunk files do to reads, and that a read from an offset needs no earlier chunk.
 */
class FsChunkBlobServiceTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  /** Small chunks, so that a few hundred KiB are many of them. */
  private static final FastCdc CDC = FastCdc.forAverage(16 * 1024);

  @TempDir Path root;
  private ChunkFileStore store;
  private FsChunkBlobService service;

  @BeforeEach
  void open() throws SQLException {
    DB.clear();
    store = new ChunkFileStore(root, new ChunkFileStore.Options(3, false, 1 << 20));
    service = FsChunkBlobService.synchronous(store, CDC, new JpaBlobCatalog(DB.transactions()));
  }

  @AfterEach
  void close() {
    service.close();
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private B3Digest put(byte[] data) throws IOException {
    try (BlobWriter w = service.openWrite()) {
      w.write(data);
      return w.commit();
    }
  }

  private List<BlobStat.ChunkMeta> chunksOf(B3Digest blob) {
    return service.stat(blob, true).orElseThrow().chunks();
  }

  @Test
  void rowsAppearOnlyWhenTheBlobIsCommitted() throws Exception {
    byte[] data = random(300_000, 1);
    try (BlobWriter w = service.openWrite()) {
      w.write(data);
      assertTrue(Files.exists(root.resolve("chunks")), "chunks are written as they are cut");
      assertEquals(0, DB.count("chunk"));
      assertEquals(0, DB.count("blob"));
      B3Digest d = w.commit();
      assertEquals(1, DB.count("blob"));
      assertEquals(chunksOf(d).size(), DB.count("blob_chunk"));
      assertEquals(DB.count("blob_chunk"), DB.count("chunk"));
    }
  }

  @Test
  void writerClosedWithoutCommitLeavesNoRows() throws Exception {
    byte[] data = random(300_000, 2);
    try (BlobWriter w = service.openWrite()) {
      w.write(data);
    }
    assertEquals(0, DB.count("chunk"));
    assertEquals(0, DB.count("blob"));
    assertEquals(0, DB.count("blob_chunk"));
    assertTrue(service.stat(B3Digest.hash(data), false).isEmpty());
  }

  @Test
  void singleChunkBlobListsItselfAsItsChunk() throws Exception {
    byte[] data = random(1000, 3);
    B3Digest d = put(data);
    assertEquals(List.of(new BlobStat.ChunkMeta(d, 1000)), chunksOf(d));
    assertEquals(1, DB.count("chunk"));
    assertEquals(1, DB.count("blob_chunk"));
  }

  @Test
  void missingChunkFileIsDataLossNamingTheChunk() throws Exception {
    B3Digest d = put(random(300_000, 4));
    B3Digest second = chunksOf(d).get(1).digest();
    Files.delete(store.pathOf(second));
    try (BlobReader r = service.openRead(d).orElseThrow()) {
      DataLossException e = assertThrows(DataLossException.class, r::readAllBytes);
      assertTrue(e.getMessage().contains(second.toHex()), e.getMessage());
    }
  }

  @Test
  void aBlobMissingAChunkFileIsStoredButNotComplete() throws Exception {
    B3Digest d = put(random(300_000, 7));
    assertTrue(service.isComplete(d));
    Files.delete(store.pathOf(chunksOf(d).get(2).digest()));
    assertFalse(service.isComplete(d));
    assertTrue(service.has(d));
  }

  @Test
  void incompleteChecksManyBlobsInBatchesAndFindsTheDamagedOne() throws Exception {
    List<B3Digest> digests = new ArrayList<>();
    for (int i = 0; i < JpaBlobCatalog.BATCH + 50; i++) {
      digests.add(put(random(100 + i, 100 + i)));
    }
    B3Digest damaged = put(random(300_000, 8));
    B3Digest unknown = B3Digest.hash(new byte[] {9});
    B3Digest chunk = chunksOf(damaged).get(0).digest(); // a chunk asked for as a blob
    digests.addAll(List.of(damaged, unknown, chunk, B3Digest.EMPTY));
    assertEquals(Set.of(unknown), service.incomplete(digests));
    Files.delete(store.pathOf(chunksOf(damaged).get(1).digest()));
    assertEquals(Set.of(unknown, damaged), service.incomplete(digests));
  }

  @Test
  void corruptChunkFileIsDataLossNamingTheChunk() throws Exception {
    B3Digest d = put(random(300_000, 5));
    B3Digest first = chunksOf(d).get(0).digest();
    // Another chunk's valid frame under this name: it decodes, but to the wrong bytes.
    Files.copy(
        store.pathOf(chunksOf(d).get(1).digest()),
        store.pathOf(first),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (BlobReader r = service.openRead(d).orElseThrow()) {
      DataLossException e = assertThrows(DataLossException.class, r::read);
      assertTrue(e.getMessage().contains(first.toHex()), e.getMessage());
    }
  }

  @Test
  void readFromAnOffsetNeedsNoEarlierChunk() throws Exception {
    byte[] data = random(300_000, 6);
    B3Digest d = put(data);
    List<BlobStat.ChunkMeta> chunks = chunksOf(d);
    assertTrue(chunks.size() > 3, "several chunks: " + chunks.size());
    long start = 0;
    for (int i = 0; i < chunks.size() - 1; i++) {
      Files.delete(store.pathOf(chunks.get(i).digest()));
      start += chunks.get(i).size();
    }
    try (BlobReader r = service.openRead(d).orElseThrow()) {
      r.seek(start + 10);
      assertArrayEquals(
          Arrays.copyOfRange(data, (int) start + 10, data.length), r.readAllBytes());
    }
  }
}
