package dev.tvixstore.ejb.gc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.ejb.pathinfo.JpaPathInfoService;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.store.NarCalculation;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.PathInfoService;
import dev.tvixstore.store.StorePath;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    DirectoryNode top = store.dir("r", Directory.builder().add(sub).build());
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

  /**
   * A blob of one chunk has that chunk's digest, and the blob service answers for a chunk digest
   * as for a blob. A directory and a path naming such a blob after the blob sweep took its row
   * (its uploader had stored it before the cutoff) passed the content check through the chunk
   * row, which the same run's chunk sweep then deleted: the path lost its file.
   */
  @Test
  void aSingleChunkBlobNamedAfterTheBlobSweepTookItsRowIsKept() throws Exception {
    byte[] content = store.bytes(100);
    B3Digest x = store.blob(content);
    PathInfo[] late = new PathInfo[1];
    GcRun run = store.gc(Duration.ZERO,
        once(GcHooks.before(GcPhase.SWEEP_CHUNKS), () -> {
          FileNode f = new FileNode(PathComponent.of("f"), x, content.length, false);
          late[0] = store.path("late", store.dir("r", Directory.builder().add(f).build()));
        })).run(false);
    assertEquals(GcState.SUCCEEDED, run.state(), run::error);
    assertEquals(1, run.freed().blobs(), "the blob row went before the directory named it");
    assertEquals(0, run.freed().chunks(), "the directory's reference kept the chunk");
    store.nar(late[0]);
    assertReadable(x, content);
    assertEquals(0, store.gc(Duration.ZERO, GcHooks.NONE).run(false).freed().chunks(),
        "the restored blob row keeps the chunk in later runs too");
    assertReadable(x, content);
  }

  @Test
  void aSingleChunkRootBlobNamedAfterTheBlobSweepTookItsRowIsKept() throws Exception {
    byte[] content = store.bytes(100);
    B3Digest x = store.blob(content);
    PathInfo[] late = new PathInfo[1];
    GcRun run = store.gc(Duration.ZERO,
        once(GcHooks.before(GcPhase.SWEEP_CHUNKS), () -> late[0] = store.path("late",
            new FileNode(PathComponent.EMPTY, x, content.length, false)))).run(false);
    assertEquals(GcState.SUCCEEDED, run.state(), run::error);
    assertEquals(0, run.freed().chunks(), "the path's reference kept the chunk");
    store.nar(late[0]);
    assertEquals(0, store.gc(Duration.ZERO, GcHooks.NONE).run(false).freed().chunks());
    assertReadable(x, content);
  }

  @Test
  void aPathWhoseRootBlobWentAfterTheContentCheckIsRefused() {
    byte[] content = store.bytes(100);
    B3Digest x = store.blob(content);
    FileNode root = new FileNode(PathComponent.EMPTY, x, content.length, false);
    NarCalculation nar = store.paths.calculateNar(root);
    PathInfo info = new PathInfo(StorePath.of(store.bytes(20), "gone"), root, List.of(),
        nar.narSize(), nar.narSha256(), List.of(), Optional.empty(), Optional.empty());
    // The whole run between the content check and the transaction: the blob is collected.
    PathInfoService racing = new JpaPathInfoService(store.db.transactions(),
        new CollectingAfterStat(store), store.directories);
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> racing.put(info));
    assertTrue(e.getMessage().contains("root blob of " + info.storePath()), e.getMessage());
  }

  /** The store's blobs, with a whole GC run (grace zero) after every stat. */
  private static final class CollectingAfterStat implements BlobService {
    private final GcStore store;

    CollectingAfterStat(GcStore store) {
      this.store = store;
    }

    @Override
    public Optional<BlobStat> stat(B3Digest digest, boolean withChunks) {
      Optional<BlobStat> stat = store.blobs.stat(digest, withChunks);
      GcRun run = store.gc(Duration.ZERO, GcHooks.NONE).run(false);
      assertEquals(GcState.SUCCEEDED, run.state(), run::error);
      return stat;
    }

    @Override
    public Optional<BlobReader> openRead(B3Digest digest) {
      return store.blobs.openRead(digest);
    }

    @Override
    public BlobWriter openWrite() {
      return store.blobs.openWrite();
    }
  }
}
