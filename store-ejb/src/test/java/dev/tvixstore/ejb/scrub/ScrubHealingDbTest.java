package dev.tvixstore.ejb.scrub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.store.NarRenderer;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.PreparedNar;
import dev.tvixstore.testing.VectorPaths;
import dev.tvixstore.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail closed and heal: once a scrub has found a chunk corrupt, a NAR that needs it fails before
 * its first byte; uploading the same content again (a blob Put, or the NAR ingested again) writes
 * the chunk afresh instead of trusting the bad file, and the next scrub finds it healed.
 */
abstract class ScrubHealingDbTest {
  /** Fails the test on any byte. */
  static final OutputStream NO_BYTES =
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

  abstract TestDatabase db();

  @TempDir Path root;
  ScrubStore store;
  NarRenderer renderer;

  @BeforeEach
  void open() throws Exception {
    store = ScrubStore.open(db(), root);
    renderer = new NarRenderer(store.directories(), store.blobs());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private byte[] render(Node root) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    renderer.prepare(root).writeTo(out);
    return out.toByteArray();
  }

  private void flipAByte(B3Digest chunk) throws Exception {
    Path file = store.chunks().pathOf(chunk);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(file, bytes);
  }

  @Test
  void aCorruptChunkFailsClosedAfterScrubAndABlobPutHealsIt() throws Exception {
    byte[] content = new byte[200_000];
    new Random(11).nextBytes(content);
    PathInfo path = store.putFilePath("victim", content, new byte[20]);
    B3Digest blob = ((FileNode) path.node()).digest();
    B3Digest chunk = store.blobs().stat(blob, true).orElseThrow().chunks().get(3).digest();
    byte[] nar = render(path.node());
    flipAByte(chunk);

    ScrubRun first = store.scrubNow();
    assertEquals(ScrubRun.DAMAGED, first.state());
    assertTrue(store.quarantine().holds(chunk));
    PreparedNar prepared = renderer.prepare(path.node());
    DataLossException e = assertThrows(DataLossException.class,
        () -> prepared.writeTo(NO_BYTES));
    assertTrue(e.getMessage().contains(blob.toString()), e.getMessage());

    assertEquals(blob, store.putBlob(content)); // the same content, uploaded again
    assertArrayEquals(nar, render(path.node()));

    ScrubRun second = store.scrubNow();
    assertEquals(ScrubRun.CLEAN, second.state(), second.toString());
    List<ScrubDamage> earlier = store.log().damage(first.id());
    assertEquals(1, earlier.size());
    assertEquals(ScrubDamage.HEALED, earlier.getFirst().resolution());
    assertFalse(store.quarantine().holds(chunk), "the quarantined copy goes once healed");
  }

  @Test
  void damageStillThereIsFoundAgainAndStaysFailClosed() throws Exception {
    PathInfo path = store.paths().put(VectorPaths.ingestPathInfo(
        VectorPaths.byId("large-file"), store.blobs(), store.directories()));
    B3Digest blob = ((FileNode) path.node()).digest();
    B3Digest chunk = store.blobs().stat(blob, true).orElseThrow().chunks().getFirst().digest();
    flipAByte(chunk);
    ScrubRun first = store.scrubNow();
    ScrubRun second = store.scrubNow();
    assertEquals(ScrubRun.DAMAGED, second.state());
    ScrubDamage again = store.log().damage(second.id()).getFirst();
    assertEquals("corrupt", again.problem(), "quarantined, so still corrupt, not just missing");
    assertTrue(again.detail().contains("quarantined"), again.detail());
    assertEquals(List.of(path.storePath().toAbsolutePath()), again.storePaths());
    assertEquals(ScrubDamage.FOUND_AGAIN,
        store.log().damage(first.id()).getFirst().resolution());
    assertThrows(DataLossException.class,
        () -> renderer.prepare(path.node()).writeTo(NO_BYTES));
  }

  @Test
  void aNarIngestedAgainHealsMissingAndCorruptChunks() throws Exception {
    var tree = VectorPaths.byId("tree");
    PathInfo path = store.paths().put(
        VectorPaths.ingestPathInfo(tree, store.blobs(), store.directories()));
    List<B3Digest> needed = List.copyOf(store.chunksNeeded(path.node()));
    Files.delete(store.chunks().pathOf(needed.get(0)));
    flipAByte(needed.get(1));
    ScrubRun first = store.scrubNow();
    assertEquals(2, first.damageCount(), first.toString());
    assertThrows(DataLossException.class,
        () -> renderer.prepare(path.node()).writeTo(NO_BYTES));

    VectorPaths.ingest(tree, store.blobs(), store.directories());
    byte[] expected;
    try (InputStream in = Files.newInputStream(Vectors.nar(tree))) {
      expected = in.readAllBytes();
    }
    assertArrayEquals(expected, render(path.node()));
    ScrubRun second = store.scrubNow();
    assertEquals(ScrubRun.CLEAN, second.state(), second.toString());
    store.log().damage(first.id())
        .forEach(d -> assertEquals(ScrubDamage.HEALED, d.resolution(), d.toString()));
  }
}
