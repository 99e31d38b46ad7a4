package dev.tvixstore.ejb.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import com.google.gson.JsonObject;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.testing.VectorPaths;
import dev.tvixstore.testing.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scrub over the vectors' paths stored as the server stores them: damage injected into chunk
 * files is found, all of it and nothing else, with exactly the paths it breaks. Subclasses choose
 * H2 or PostgreSQL.
 */
abstract class ScrubDbTest {
  static final long[] SEEDS = {1, 2, 3};

  abstract TestDatabase db();

  @TempDir Path root;
  ScrubStore store;
  /** Every stored path, with the chunks its NAR needs. */
  final Map<String, Set<B3Digest>> needs = new TreeMap<>();

  @BeforeEach
  void open() throws Exception {
    store = ScrubStore.open(db(), root);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Stores every vector path, plus a second path with the tree's root (shared content). */
  void storeVectors() {
    for (JsonObject c : Vectors.cases()) {
      PathInfo info = store.paths().put(
          VectorPaths.ingestPathInfo(c, store.blobs(), store.directories()));
      needs.put(info.storePath().toAbsolutePath(), store.chunksNeeded(info.node()));
    }
    PathInfo tree = store.paths().list()
        .filter(p -> p.storePath().name().equals("tree")).findFirst().orElseThrow();
    byte[] digest = new byte[20];
    digest[0] = 42;
    PathInfo copy = store.putPath(
        dev.tvixstore.store.StorePath.of(digest, "tree-copy"), tree.node());
    needs.put(copy.storePath().toAbsolutePath(), store.chunksNeeded(copy.node()));
  }

  List<B3Digest> chunkDigests() throws Exception {
    List<B3Digest> all = new ArrayList<>();
    try (Connection c = db().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT digest FROM chunk ORDER BY digest")) {
      while (rs.next()) {
        all.add(B3Digest.of(rs.getBytes(1)));
      }
    }
    return all;
  }

  long sum(String sql) throws Exception {
    try (Connection c = db().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  long count(String table) throws Exception {
    return db().count(table);
  }

  /** The paths that need {@code chunk}, worked out from {@link #needs}. */
  Set<String> pathsNeeding(B3Digest chunk) {
    return needs.entrySet().stream().filter(e -> e.getValue().contains(chunk))
        .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
  }

  /** The blob of the file at {@code names} under the root of the stored path {@code name}. */
  B3Digest fileIn(String name, String... names) {
    PathInfo info = store.paths().list()
        .filter(p -> p.storePath().name().equals(name)).findFirst().orElseThrow();
    B3Digest dir = ((DirectoryNode) info.node()).digest();
    for (int i = 0; i < names.length - 1; i++) {
      String n = names[i];
      dir = store.directories().get(dir).orElseThrow().directories().stream()
          .filter(d -> d.name().equals(PathComponent.of(n))).findFirst().orElseThrow().digest();
    }
    String last = names[names.length - 1];
    return store.directories().get(dir).orElseThrow().files().stream()
        .filter(f -> f.name().equals(PathComponent.of(last))).findFirst().orElseThrow().digest();
  }

  @Test
  void aCleanStoreScrubsCleanAndCountsEverything() throws Exception {
    storeVectors();
    ScrubRun run = store.scrubNow();
    assertEquals(ScrubRun.CLEAN, run.state(), run.toString());
    assertEquals("done", run.phase());
    assertEquals(count("chunk"), run.chunksDone());
    assertEquals(run.chunksTotal(), run.chunksDone());
    assertEquals(count("blob"), run.blobsDone());
    assertEquals(count("directory"), run.directoriesDone());
    assertEquals(0, run.damageCount());
    assertEquals(0, run.errorCount());
    assertEquals(sum("SELECT SUM(size) FROM chunk"), run.chunkBytes());
    assertTrue(store.log().damage(run.id()).isEmpty());
    assertTrue(run.finishedAt() != null && !run.finishedAt().isBefore(run.startedAt()));
  }

  @Test
  void findsEveryInjectedChunkDamageAndNamesExactlyThePathsItBreaks() throws Exception {
    for (long seed : SEEDS) {
      close();
      store = ScrubStore.open(db(), root.resolve("seed-" + seed)); // a fresh store per seed
      needs.clear();
      storeVectors();
      Random random = new Random(seed);
      List<B3Digest> all = chunkDigests();
      // One chunk of the tree's deepest file, so damage must climb several directories; the rest
      // anywhere.
      List<B3Digest> victims = new ArrayList<>();
      B3Digest deep = fileIn("tree", "a", "b", "c", "deep.txt");
      victims.add(deep);
      while (victims.size() < 7) {
        B3Digest d = all.get(random.nextInt(all.size()));
        if (!victims.contains(d)) {
          victims.add(d);
        }
      }
      Map<B3Digest, String> injected = new HashMap<>();
      for (int i = 0; i < victims.size(); i++) {
        B3Digest d = victims.get(i);
        Path file = store.chunks().pathOf(d);
        switch (i % 3) {
          case 0 -> {
            byte[] bytes = Files.readAllBytes(file);
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            Files.write(file, bytes);
            injected.put(d, Damage.CORRUPT);
          }
          case 1 -> {
            byte[] other = new byte[store.chunks().read(d).length];
            random.nextBytes(other);
            Files.write(file, Zstd.compress(other, 3)); // a sound frame of the wrong content
            injected.put(d, Damage.CORRUPT);
          }
          default -> {
            Files.delete(file);
            injected.put(d, Damage.MISSING);
          }
        }
      }
      ScrubRun run = store.scrubNow();
      String context = "seed " + seed + ", victims " + injected + ", run " + run;
      assertEquals(ScrubRun.DAMAGED, run.state(), context);
      Map<B3Digest, ScrubDamage> found = new HashMap<>();
      for (ScrubDamage d : store.log().damage(run.id())) {
        assertEquals("chunk", d.kind(), "no blob or directory damage: " + d + "; " + context);
        found.put(B3Digest.fromHex(d.digestHex()), d);
      }
      assertEquals(injected.keySet(), found.keySet(), context);
      List<ScrubDamage> everything = store.log().damage(run.id());
      assertEquals(everything.subList(0, Math.min(2, everything.size())),
          store.log().damage(run.id(), 2),
          "a limited read is the start of the full one, with the same paths; " + context);
      for (Map.Entry<B3Digest, String> e : injected.entrySet()) {
        ScrubDamage d = found.get(e.getKey());
        assertEquals(e.getValue(), d.problem(), d + "; " + context);
        assertEquals(pathsNeeding(e.getKey()), new TreeSet<>(d.storePaths()), d + "; " + context);
        assertFalse(Files.exists(store.chunks().pathOf(e.getKey())), "out of chunks/: " + d);
        assertEquals(Damage.CORRUPT.equals(e.getValue()), store.quarantine().holds(e.getKey()));
      }
      {
        assertTrue(found.get(deep).storePaths().stream().anyMatch(p -> p.endsWith("-tree")),
            found.get(deep).toString());
      }
      assertEquals(injected.size(), run.damageCount(), context);
    }
  }
}
