package dev.tvixstore.ejb.pathinfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.ejb.blob.FastCdc;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.nix.NarFileSpan;
import dev.tvixstore.nix.NarLayout;
import dev.tvixstore.store.NarRenderer;
import dev.tvixstore.store.PreparedNar;
import dev.tvixstore.testing.VectorPaths;
import dev.tvixstore.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Fail closed over the chunk store: a chunk file gone is found before a byte is written. */
class NarRendererChunkStoreTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  /** Fails the test on any byte. */
  private static final OutputStream NO_BYTES =
      new OutputStream() {
        @Override
        public void write(int b) {
          throw new AssertionError("a byte was written");
        }

        @Override
        public void write(byte[] b, int off, int len) {
          throw new AssertionError(len + " bytes were written");
        }
      };

  @TempDir Path root;
  private JpaStore store;
  private NarRenderer renderer;

  @BeforeEach
  void open() throws Exception {
    // Small chunks: the large file is many of them.
    store = JpaStore.open(DB, root, FastCdc.forAverage(16 * 1024), DB.transactions());
    renderer = new NarRenderer(store.directories(), store.blobs());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Node ingest(String id) {
    return VectorPaths.ingest(VectorPaths.byId(id), store.blobs(), store.directories()).root();
  }

  private void deleteChunk(B3Digest blob, int index) throws Exception {
    List<BlobStat.ChunkMeta> chunks = store.blobs().stat(blob, true).orElseThrow().chunks();
    Files.delete(store.chunks().pathOf(chunks.get(Math.min(index, chunks.size() - 1)).digest()));
  }

  @Test
  void aDeletedChunkFileIsDataLossBeforeTheFirstByte() throws Exception {
    FileNode file = (FileNode) ingest("large-file");
    deleteChunk(file.digest(), 7);
    PreparedNar nar = renderer.prepare(file);
    var e = assertThrows(DataLossException.class, () -> nar.writeTo(NO_BYTES));
    assertTrue(e.getMessage().contains(file.digest().toString()), e.getMessage());
    // A range wholly inside the file needs it too, even far from the missing chunk.
    assertThrows(DataLossException.class, () -> nar.writeRange(NO_BYTES, 200, 300));
    assertThrows(DataLossException.class, () -> store.paths().calculateNar(file));
  }

  @Test
  void aRangeThatNeedsNoDamagedBlobIsServed() throws Exception {
    Node tree = ingest("tree");
    List<NarFileSpan> spans = NarLayout.of(tree, store.directories()).files();
    NarFileSpan last = spans.get(spans.size() - 1);
    deleteChunk(last.digest(), 0);
    long firstUse = spans.stream()
        .filter(s -> s.digest().equals(last.digest()))
        .mapToLong(NarFileSpan::offset)
        .min()
        .orElseThrow();
    PreparedNar nar = renderer.prepare(tree);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    nar.writeRange(out, 0, firstUse);
    byte[] expected = Files.readAllBytes(Vectors.nar(VectorPaths.byId("tree")));
    assertArrayEquals(Arrays.copyOf(expected, (int) firstUse), out.toByteArray());
    assertThrows(DataLossException.class, () -> nar.writeTo(NO_BYTES));
  }
}
