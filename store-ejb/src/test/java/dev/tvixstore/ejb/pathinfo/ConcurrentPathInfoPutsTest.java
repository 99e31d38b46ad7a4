package dev.tvixstore.ejb.pathinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.nix.NarSignature;
import dev.tvixstore.store.InvalidPathInfoException;
import dev.tvixstore.store.InvalidPathInfoException.Rule;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.testing.VectorPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many puts of one path at once, each with signatures of its own and some with conflicting
 * contents: the matching ones all succeed, the conflicting ones are rejected as such (never a
 * storage error), and the rows are the path once, its references once and each distinct
 * signature once. Subclasses name the database.
 */
abstract class ConcurrentPathInfoPutsTest {
  @TempDir Path root;

  abstract TestDatabase db();

  @Test
  void matchingPutsAllSucceedConflictingOnesAreRejectedAndNoRowIsDoubled() throws Exception {
    try (JpaStore store = JpaStore.open(db(), root)) {
      PathInfo info = VectorPaths.ingestPathInfo(
          VectorPaths.byId("with-refs"), store.blobs(), store.directories());
      PathInfo liar = new PathInfo(info.storePath(), info.node(), info.references(),
          info.narSize() + 8, info.narSha256(), List.of(), info.deriver(), info.ca());
      Set<NarSignature> signatures = new HashSet<>(info.signatures());
      List<PathInfo> puts = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        if (i % 4 == 3) {
          puts.add(liar);
          continue;
        }
        byte[] data = new byte[64];
        new Random(i).nextBytes(data);
        NarSignature sig = new NarSignature("cache-" + (i % 3), data);
        signatures.add(sig);
        puts.add(info.withSignatures(List.of(sig)));
      }
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PathInfo>> results = new ArrayList<>();
        for (PathInfo p : puts) {
          results.add(pool.submit(() -> {
            start.await();
            return store.paths().put(p);
          }));
        }
        start.countDown();
        int rejected = 0;
        for (int i = 0; i < results.size(); i++) {
          try {
            assertTrue(puts.get(i).sameContentAs(results.get(i).get()));
          } catch (ExecutionException e) {
            // Whoever stored first decides: only the liar may lose, unless the liar came first.
            var conflict = assertInstanceOf(InvalidPathInfoException.class, e.getCause());
            assertEquals(Rule.CONFLICTS_WITH_STORED, conflict.rule());
            rejected++;
          }
        }
        PathInfo stored = store.paths().get(info.storePath().digest()).orElseThrow();
        if (stored.sameContentAs(info)) {
          assertEquals(3, rejected);
          assertEquals(signatures, Set.copyOf(stored.signatures()));
          assertEquals(signatures.size(), db().count("path_signature"));
        } else {
          assertEquals(9, rejected);
        }
        assertEquals(1, db().count("path_info"));
        assertEquals(2, db().count("path_reference"));
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
