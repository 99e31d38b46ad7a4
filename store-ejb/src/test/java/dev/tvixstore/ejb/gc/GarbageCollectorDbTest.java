package dev.tvixstore.ejb.gc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.store.PathInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mark and sweep over a real store: what is freed, what stays byte-identical, grace, dry run,
 * the run record and resuming after a failure. Subclasses pick the database.
 */
abstract class GarbageCollectorDbTest {
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

  /** Paths A (a tree sharing blob S), B (S and its own multi-chunk blob), C referencing A. */
  record Fixture(PathInfo a, PathInfo b, PathInfo c, byte[] shared, byte[] onlyB) {}

  Fixture fixture() {
    byte[] shared = store.bytes(3000);
    byte[] onlyB = store.bytes(9000);
    DirectoryNode sub = store.tree("sub", Map.of("x", store.bytes(5000), "s", shared));
    PathInfo a = store.path("a", store.dir("r", dev.tvixstore.castore.Directory.builder()
        .add(sub).add(store.file("y", store.bytes(100))).build()));
    PathInfo b = store.path("b", store.tree("r", Map.of("s", shared, "only", onlyB)));
    PathInfo c = store.path("c", store.file("r", store.bytes(2000)), a.storePath());
    return new Fixture(a, b, c, shared, onlyB);
  }

  @Test
  void freesExactlyTheDeletedPathsUnsharedDataAndTheRestRendersIdentically() throws Exception {
    Fixture f = fixture();
    byte[] narA = store.nar(f.a());
    byte[] narC = store.nar(f.c());
    GcStore.Counts before = store.counts();
    GcRun nothing = store.gc(Duration.ZERO, GcHooks.NONE).run(false);
    assertEquals(GcState.SUCCEEDED, nothing.state());
    assertEquals(GcFreed.NONE, nothing.freed());
    assertEquals(before, store.counts());

    assertEquals(List.of(f.b().storePath().toBasename()),
        store.deleter().delete(f.b().storePath(), false));
    B3Digest onlyB = B3Digest.hash(f.onlyB());
    long onlyBChunks = store.blobs.stat(onlyB, true).orElseThrow().chunks().size();
    assertTrue(onlyBChunks > 1, "a multi-chunk blob");
    GcRun run = store.gc(Duration.ZERO, GcHooks.NONE).run(false);

    assertEquals(GcState.SUCCEEDED, run.state(), () -> run.error());
    assertEquals(1, run.freed().directories());
    assertEquals(1, run.freed().blobs());
    assertEquals(onlyBChunks, run.freed().chunks());
    assertTrue(run.freed().chunkBytes() > 0);
    GcStore.Counts after = store.counts();
    assertEquals(before.directories() - 1, after.directories());
    assertEquals(before.blobs() - 1, after.blobs());
    assertEquals(before.chunks() - onlyBChunks, after.chunks());
    assertEquals(before.files() - onlyBChunks, after.files());
    assertFalse(store.blobs.stat(onlyB, false).isPresent());
    assertTrue(store.hasAllChunkFiles(B3Digest.hash(f.shared())));
    assertArrayEquals(narA, store.nar(f.a()));
    assertArrayEquals(narC, store.nar(f.c()));
    store.assertConsistent();
  }

  @Test
  void aDryRunChangesNothingAndPredictsTheRealRun() throws Exception {
    Fixture f = fixture();
    store.deleter().delete(f.a().storePath(), true);
    store.blob(store.bytes(4000)); // an orphan blob
    GcStore.Counts before = store.counts();
    List<Path> files = store.files();

    GcRun dry = store.gc(Duration.ZERO, GcHooks.NONE).run(true);
    assertEquals(GcState.SUCCEEDED, dry.state(), () -> dry.error());
    assertTrue(dry.dryRun());
    assertEquals(before, store.counts());
    assertEquals(files, store.files());
    // A (root and sub) and C go; blobs x, y, C's file and the orphan go, s stays with B.
    assertEquals(2, dry.freed().directories());
    assertEquals(4, dry.freed().blobs());

    GcRun real = store.gc(Duration.ZERO, GcHooks.NONE).run(false);
    assertEquals(dry.freed(), real.freed());
    assertEquals(before.chunks() - real.freed().chunks(), store.counts().chunks());
    store.assertConsistent();
  }

  @Test
  void theGracePeriodProtectsFreshOrphans() throws Exception {
    B3Digest orphan = store.blob(store.bytes(5000));
    GcStore.Counts before = store.counts();
    GcRun kept = store.gc(Duration.ofHours(1), GcHooks.NONE).run(false);
    assertEquals(GcFreed.NONE, kept.freed());
    assertEquals(before, store.counts());
    assertTrue(store.hasAllChunkFiles(orphan));

    GcRun freed = store.gc(Duration.ZERO, GcHooks.NONE).run(false);
    assertEquals(1, freed.freed().blobs());
    assertEquals(0, store.counts().chunks());
    assertEquals(0, store.counts().files());
  }

  @Test
  void uploadRecordsAreRootsWithinGraceAndGoWhenOldAndNeverCompleted() throws Exception {
    DirectoryNode tree = store.tree("r", Map.of("f", store.bytes(3000)));
    try (Connection c = store.db.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("INSERT INTO nar_upload (file_sha256,"
            + " compression, file_size, nar_sha256, nar_size, root_node)"
            + " VALUES (?, 'none', 9, ?, 9, ?)")) {
      s.setBytes(1, new byte[32]);
      s.setBytes(2, new byte[32]);
      s.setBytes(3, dev.tvixstore.castore.CastoreProto.encode(tree));
      s.executeUpdate();
    }
    GcRun young = store.gc(Duration.ofHours(1), GcHooks.NONE).run(false);
    assertEquals(GcFreed.NONE, young.freed());
    GcRun old = store.gc(Duration.ZERO, GcHooks.NONE).run(false);
    assertEquals(1, old.freed().uploads());
    assertEquals(1, old.freed().directories());
    assertEquals(1, old.freed().blobs());
    assertEquals(0, store.counts().files());
  }

  @Test
  void aFailedRunIsRecordedAndTheNextFinishesTheJob() throws Exception {
    Fixture f = fixture();
    store.deleter().delete(f.a().storePath(), true);
    GcRun failed = store.gc(Duration.ZERO, point -> {
      if (point.equals(GcHooks.CHUNK_ROWS_DELETED)) {
        throw new IllegalStateException("injected");
      }
    }).run(false);
    assertEquals(GcState.FAILED, failed.state());
    assertTrue(failed.failure().orElseThrow().contains("injected"));
    assertTrue(failed.finished().isPresent());
    store.assertConsistent(); // rows went first: the files left have no row

    GcRun next = store.gc(Duration.ZERO, GcHooks.NONE).run(false);
    assertEquals(GcState.SUCCEEDED, next.state(), () -> next.error());
    assertTrue(next.freed().orphanFiles() > 0, next.freed()::toString);
    store.assertConsistent();
    assertEquals(store.counts().chunks(), store.counts().files());
    store.nar(f.b());
  }

  @Test
  void aRunFailingBetweenPhasesLeavesAStoreTheNextRunCompletes() throws Exception {
    Fixture f = fixture();
    byte[] narB = store.nar(f.b());
    store.deleter().delete(f.a().storePath(), true);
    for (GcPhase phase : List.of(GcPhase.SWEEP_BLOBS, GcPhase.SWEEP_CHUNKS, GcPhase.SWEEP_FILES)) {
      GcRun failed = store.gc(Duration.ZERO, point -> {
        if (point.equals(GcHooks.before(phase))) {
          throw new IllegalStateException("stop at " + phase);
        }
      }).run(false);
      assertEquals(GcState.FAILED, failed.state());
      store.assertConsistent();
      assertArrayEquals(narB, store.nar(f.b()));
    }
    store.gc(Duration.ZERO, GcHooks.NONE).run(false);
    store.assertConsistent();
    assertEquals(store.counts().chunks(), store.counts().files());
    assertArrayEquals(narB, store.nar(f.b()));
  }

  @Test
  void trashLeftByADeadRunIsSettled() throws Exception {
    B3Digest kept = store.blob(store.bytes(300));
    store.path("p", store.tree("r", Map.of("k", store.bytes(300))));
    Path file = store.chunks.pathOf(kept);
    // A dead run renamed a file whose row a writer re-inserted: it must come back.
    Files.move(file, ChunkTrash.trashOf(file));
    store.gc(Duration.ofHours(1), GcHooks.NONE).run(false);
    assertTrue(Files.exists(file));
    store.assertConsistent();
  }

  @Test
  void directoriesStoredBeforeVersion4AreIndexedBeforeMarking() throws Exception {
    Fixture f = fixture();
    byte[] narB = store.nar(f.b());
    try (Connection c = store.db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM directory_blob");
      s.executeUpdate("UPDATE directory SET blobs_indexed = FALSE");
    }
    GcRun run = store.gc(Duration.ZERO, GcHooks.NONE).run(false);
    assertEquals(GcFreed.NONE, run.freed());
    assertEquals(0, store.db.count("directory") - countIndexed());
    assertArrayEquals(narB, store.nar(f.b()));
  }

  private long countIndexed() throws SQLException {
    try (Connection c = store.db.dataSource().getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM directory WHERE blobs_indexed")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void onlyOneRunAtATimeAndTheRecordListsRunsNewestFirst() {
    GarbageCollector gc = store.gc(Duration.ZERO, GcHooks.NONE);
    GarbageCollector.Prepared first = gc.prepare(true);
    assertTrue(gc.isRunning());
    assertThrows(GcBusyException.class, () -> gc.prepare(false));
    GcRun running = gc.get(first.id()).orElseThrow();
    assertEquals(GcState.RUNNING, running.state());
    gc.execute(first);
    assertFalse(gc.isRunning());
    GcRun second = gc.run(false);
    assertEquals(List.of(second.id(), first.id()),
        gc.latest(2).stream().map(GcRun::id).toList());
  }

  @Test
  void aRunLeftRunningByADeadJvmIsMarkedInterrupted() {
    GarbageCollector dead = store.gc(Duration.ZERO, GcHooks.NONE);
    long id = dead.prepare(false).id();
    GarbageCollector next = store.gc(Duration.ZERO, GcHooks.NONE);
    next.run(true);
    assertEquals(GcState.INTERRUPTED, next.get(id).orElseThrow().state());
  }
}
