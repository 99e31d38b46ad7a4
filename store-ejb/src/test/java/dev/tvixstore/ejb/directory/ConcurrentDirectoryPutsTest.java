package dev.tvixstore.ejb.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.directory.DirectoryPutter;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.ejb.persistence.TestDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Many closures put at once that share subtrees, each also put twice: every put succeeds, every
 * closure reads back as the reference backend returns it, and each directory and edge is one row.
 * Subclasses name the database.
 */
abstract class ConcurrentDirectoryPutsTest {

  abstract TestDatabase db();

  /** Closure {@code j}, leaves first: three of ten leaves, two of ten middles, one root. */
  private static List<List<Directory>> closures() {
    List<Directory> leaves = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      leaves.add(Trees.leaf("leaf" + i));
    }
    List<Directory> middles = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      List<Directory> three =
          List.of(leaves.get(i), leaves.get((i + 1) % 10), leaves.get((i + 2) % 10));
      middles.add(Trees.parent("mid" + i, three));
    }
    List<List<Directory>> closures = new ArrayList<>();
    for (int j = 0; j < 10; j++) {
      Directory m1 = middles.get(j);
      Directory m2 = middles.get((j + 3) % 10);
      Set<Directory> closure = new LinkedHashSet<>();
      for (Directory m : List.of(m1, m2)) {
        for (DirectoryNode n : m.directories()) {
          closure.add(leaves.stream().filter(l -> l.digest().equals(n.digest())).findFirst().get());
        }
      }
      closure.add(m1);
      closure.add(m2);
      closure.add(Trees.parent("root" + j, List.of(m1, m2)));
      closures.add(List.copyOf(closure));
    }
    return closures;
  }

  @Test
  void overlappingClosuresAllSucceedAndEveryRowIsStoredOnce() throws Exception {
    db().clear();
    JpaDirectoryService service = new JpaDirectoryService(db().transactions(), 4);
    InMemoryDirectoryService reference = new InMemoryDirectoryService();
    List<List<Directory>> closures = closures();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<B3Digest>> roots = new ArrayList<>();
      for (int round = 0; round < 2; round++) {
        for (List<Directory> closure : closures) {
          roots.add(
              pool.submit(
                  () -> {
                    start.await();
                    try (DirectoryPutter putter = service.openPut()) {
                      closure.forEach(putter::put);
                      return putter.commit();
                    }
                  }));
        }
      }
      start.countDown();
      Set<Directory> all = new HashSet<>();
      for (int i = 0; i < roots.size(); i++) {
        List<Directory> closure = closures.get(i % closures.size());
        assertEquals(closure.get(closure.size() - 1).digest(), roots.get(i).get());
        all.addAll(closure);
      }
      for (List<Directory> closure : closures) {
        try (DirectoryPutter putter = reference.openPut()) {
          closure.forEach(putter::put);
          B3Digest root = putter.commit();
          try (Stream<Directory> got = service.getRecursive(root);
              Stream<Directory> expected = reference.getRecursive(root)) {
            assertEquals(expected.toList(), got.toList());
          }
        }
      }
      long edges = 0;
      for (Directory d : all) {
        edges += d.directories().stream().map(DirectoryNode::digest).distinct().count();
      }
      assertEquals(all.size(), db().count("directory"));
      assertEquals(edges, db().count("directory_edge"));
    } finally {
      pool.shutdownNow();
    }
  }
}
