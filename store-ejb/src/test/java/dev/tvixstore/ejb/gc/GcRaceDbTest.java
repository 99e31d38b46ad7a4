package dev.tvixstore.ejb.gc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.store.PathInfo;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers re-using data at each point of a GC run (package protocol), played deterministically:
 * the writer runs inside the GC's hook, between the GC's committed steps. Grace is zero, so only
 * the protocol keeps the data.
 */
abstract class GcRaceDbTest {
  @TempDir Path root;
  GcStore store;

  abstract TestDatabase db();

  @BeforeEach
  void open() throws SQLException {
    store = GcStore.open(db(), root);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** A hook that runs {@code writer} the first time the run reaches {@code point}. */
  private static GcHooks once(String point, Runnable writer) {
    AtomicBoolean done = new AtomicBoolean();
    return p -> {
      if (p.equals(point) && done.compareAndSet(false, true)) {
        writer.run();
      }
    };
  }

  private void assertReadable(B3Digest digest, byte[] content) throws Exception {
    try (BlobReader r = store.blobs.openRead(digest).orElseThrow();
        InputStream in = r) {
      assertArrayEquals(content, in.readAllBytes());
    }
    assertTrue(store.hasAllChunkFiles(digest));
    store.assertConsistent();
  }

  @Test
  void aBlobWrittenAgainAfterItsChunkRowsWentKeepsItsFiles() throws Exception {
    byte[] content = store.bytes(6000);
    B3Digest x = store.blob(content);
    GcRun run = store.gc(Duration.ZERO,
        once(GcHooks.CHUNK_ROWS_DELETED, () -> store.blob(content))).run(false);
    assertEquals(GcState.SUCCEEDED, run.state(), run::error);
    assertEquals(0, run.freed().chunkBytes(), "every file was touched, so restored");
    assertReadable(x, content);
  }

  @Test
  void aBlobWrittenAgainWhileAChunkFileIsInTrashWritesItAnew() throws Exception {
    byte[] content = store.bytes(6000);
    B3Digest x = store.blob(content);
    GcRun run = store.gc(Duration.ZERO, once(GcHooks.TRASHED, () -> store.blob(content)))
        .run(false);
    assertEquals(GcState.SUCCEEDED, run.state(), run::error);
    assertReadable(x, content);
  }

  @Test
  void aBlobTouchedBeforeTheBlobSweepStaysWithItsChunks() throws Exception {
    byte[] content = store.bytes(6000);
    B3Digest x = store.blob(content);
    GcRun run = store.gc(Duration.ZERO,
        once(GcHooks.before(GcPhase.SWEEP_BLOBS), () -> store.blob(content))).run(false);
    assertEquals(GcFreed.NONE, run.freed());
    assertReadable(x, content);
  }

  @Test
  void aDirectoryReferencedDuringTheSweepKeepsItsWholeClosure() throws Exception {
    byte[] content = store.bytes(4000);
    DirectoryNode sub = store.tree("sub", Map.of("f", content));
    DirectoryNode top = store.dir("r", dev.tvixstore.castore.Directory.builder().add(sub).build());
    PathInfo[] late = new PathInfo[1];
    GcRun run = store.gc(Duration.ZERO,
        once(GcHooks.before(GcPhase.SWEEP_DIRECTORIES), () -> late[0] = store.path("late", top)))
        .run(false);
    assertEquals(GcFreed.NONE, run.freed());
    store.nar(late[0]);
    assertReadable(B3Digest.hash(content), content);
  }

  @Test
  void anOpenWriterHoldsTheCutoffBackSoItsDedupedChunksSurvive() throws Exception {
    byte[] content = store.bytes(8000);
    B3Digest x = store.blob(content);
    try (BlobWriter w = store.blobs.openWrite()) {
      w.write(content); // finds most chunk files present and only touches them
      GcRun run = store.gc(Duration.ZERO, GcHooks.NONE).run(false);
      assertEquals(GcState.SUCCEEDED, run.state(), run::error);
      assertEquals(x, w.commit());
    }
    assertReadable(x, content);
  }
}
