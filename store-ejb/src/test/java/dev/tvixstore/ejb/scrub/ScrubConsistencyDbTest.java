package dev.tvixstore.ejb.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.testing.VectorPaths;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata damage: blob chunk lists and directory rows edited behind the services' backs are
 * found, named and traced to their paths; the untouched ones are not reported. Subclasses choose
 * H2 or PostgreSQL.
 */
abstract class ScrubConsistencyDbTest {
  abstract TestDatabase db();

  @TempDir Path root;
  ScrubStore store;

  @BeforeEach
  void open() throws Exception {
    store = ScrubStore.open(db(), root);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static byte[] storeDigest(int n) {
    byte[] d = new byte[20];
    d[19] = (byte) n;
    return d;
  }

  private Map<String, ScrubDamage> damageByDigest(ScrubRun run) {
    Map<String, ScrubDamage> found = new HashMap<>();
    store.log().damage(run.id()).forEach(d -> found.put(d.digestHex(), d));
    return found;
  }

  @Test
  void findsEditedBlobChunkListsAndNamesTheirPaths() {
    Random random = new Random(7);
    PathInfo[] paths = new PathInfo[5];
    for (int i = 0; i < paths.length; i++) {
      byte[] content = new byte[120_000 + i];
      random.nextBytes(content);
      paths[i] = store.putFilePath("blob-" + i, content, storeDigest(i));
    }
    B3Digest[] blobs = new B3Digest[paths.length];
    for (int i = 0; i < paths.length; i++) {
      blobs[i] = ((FileNode) paths[i].node()).digest();
      assertTrue(store.blobs().stat(blobs[i], true).orElseThrow().chunks().size() > 2);
    }
    store.sql("UPDATE blob SET size = size + 1 WHERE digest = ?", (Object) blobs[0].toBytes());
    store.sql("UPDATE blob_chunk SET chunk_offset = chunk_offset + 1 WHERE blob_digest = ?"
        + " AND idx = 2", (Object) blobs[1].toBytes());
    store.sql("DELETE FROM blob_chunk WHERE blob_digest = ? AND idx = 1",
        (Object) blobs[2].toBytes());
    // Two chunks in swapped order: each offset now points at the wrong chunk size.
    store.sql("UPDATE blob_chunk SET idx = 99 WHERE blob_digest = ? AND idx = 0",
        (Object) blobs[3].toBytes());
    store.sql("UPDATE blob_chunk SET idx = 0, chunk_offset = 0 WHERE blob_digest = ? AND idx = 1",
        (Object) blobs[3].toBytes());
    store.sql("UPDATE blob_chunk SET idx = 1 WHERE blob_digest = ? AND idx = 99",
        (Object) blobs[3].toBytes());

    ScrubRun run = store.scrubNow();
    assertEquals(ScrubRun.DAMAGED, run.state(), run.toString());
    Map<String, ScrubDamage> found = damageByDigest(run);
    assertEquals(4, found.size(), found.toString());
    String[] expected = {"add up to", "starts at", "index 1 is missing", "starts at"};
    for (int i = 0; i < 4; i++) {
      ScrubDamage d = found.get(blobs[i].toHex());
      assertEquals("blob", d.kind(), d.toString());
      assertEquals("chunk-list", d.problem());
      assertTrue(d.detail().contains(expected[i]), d.detail());
      assertEquals(List.of(paths[i].storePath().toAbsolutePath()), d.storePaths());
    }
  }

  @Test
  void findsCorruptDirectoryRowsAndNamesThePathsAboveThem() {
    PathInfo tree = store.paths().put(
        VectorPaths.ingestPathInfo(VectorPaths.byId("tree"), store.blobs(), store.directories()));
    PathInfo dirZero = store.paths().put(VectorPaths.ingestPathInfo(
        VectorPaths.byId("dir-zero"), store.blobs(), store.directories()));
    PathInfo clean = store.paths().put(VectorPaths.ingestPathInfo(
        VectorPaths.byId("large-file"), store.blobs(), store.directories()));
    // tree's a/b: one byte of its encoding changed, so it no longer hashes to its key.
    B3Digest a = child(((DirectoryNode) tree.node()).digest(), "a");
    B3Digest b = child(a, "b");
    byte[] encoded = store.directories().get(b).orElseThrow().encode();
    encoded[encoded.length - 1] ^= 1;
    store.sql("UPDATE directory SET encoded = ? WHERE digest = ?", encoded, b.toBytes());
    // dir-zero's root: its size column disagrees with its entries.
    B3Digest zero = ((DirectoryNode) dirZero.node()).digest();
    store.sql("UPDATE directory SET size = size + 5 WHERE digest = ?", (Object) zero.toBytes());

    ScrubRun run = store.scrubNow();
    assertEquals(ScrubRun.DAMAGED, run.state(), run.toString());
    Map<String, ScrubDamage> found = damageByDigest(run);
    assertEquals(2, found.size(), found.toString());
    ScrubDamage ab = found.get(b.toHex());
    assertEquals("directory", ab.kind());
    assertEquals("corrupt", ab.problem());
    assertTrue(ab.detail().contains("hashes to"), ab.detail());
    assertEquals(List.of(tree.storePath().toAbsolutePath()), ab.storePaths());
    ScrubDamage z = found.get(zero.toHex());
    assertTrue(z.detail().contains("size column"), z.detail());
    assertEquals(List.of(dirZero.storePath().toAbsolutePath()), z.storePaths());
    assertTrue(found.values().stream()
        .noneMatch(d -> d.storePaths().contains(clean.storePath().toAbsolutePath())));
  }

  @Test
  void findsADirectoryRowThatIsNotAValidDirectory() {
    PathInfo tree = store.paths().put(
        VectorPaths.ingestPathInfo(VectorPaths.byId("tree"), store.blobs(), store.directories()));
    B3Digest rootDir = ((DirectoryNode) tree.node()).digest();
    // Garbage that hashes to its key: only the validation can tell.
    byte[] garbage = {(byte) 0xff, 0x01, 0x02};
    B3Digest key = B3Digest.hash(garbage);
    store.sql("INSERT INTO directory (digest, encoded, size) VALUES (?, ?, 0)", key.toBytes(),
        garbage);
    store.sql("INSERT INTO directory_edge (parent_digest, child_digest) VALUES (?, ?)",
        rootDir.toBytes(), key.toBytes());

    ScrubRun run = store.scrubNow();
    ScrubDamage d = damageByDigest(run).get(key.toHex());
    assertTrue(d.detail().contains("not a valid Directory"), d.detail());
    assertEquals(List.of(tree.storePath().toAbsolutePath()), d.storePaths());
    assertEquals(1, run.damageCount(), run.toString());
  }

  private B3Digest child(B3Digest dir, String name) {
    return store.directories().get(dir).orElseThrow().directories().stream()
        .filter(d -> d.name().equals(PathComponent.of(name))).findFirst().orElseThrow().digest();
  }
}
