package dev.tvixstore.ejb.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.directory.DirectoryPutter;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.StorageException;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link JpaDirectoryService} on H2, beyond the contract: a closure is one transaction, the
 * recursive read is lazy and batched, and damaged rows are data loss.
 */
class JpaDirectoryServiceTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  private static final int BATCH = 10;

  /** Counts the transactions the service runs. */
  private final AtomicInteger transactions = new AtomicInteger();

  private final Transactions counting =
      new Transactions() {
        @Override
        public <T> T inTransaction(Function<EntityManager, T> work) {
          transactions.incrementAndGet();
          return DB.transactions().inTransaction(work);
        }
      };

  private JpaDirectoryService service;

  @BeforeEach
  void empty() throws SQLException {
    DB.clear();
    service = new JpaDirectoryService(counting, BATCH);
  }

  /** A root over {@code width} distinct leaves, stored; returns the root. */
  private Directory storeWide(int width) {
    List<Directory> leaves = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      leaves.add(Trees.leaf("leaf" + i));
    }
    Directory root = Trees.parent("root", leaves);
    try (DirectoryPutter putter = service.openPut()) {
      leaves.forEach(putter::put);
      putter.put(root);
      putter.commit();
    }
    return root;
  }

  @Test
  void closureIsStoredInOneTransactionOrNotAtAll() throws SQLException {
    Directory leaf = Trees.leaf("x");
    Directory root = Trees.parent("root", List.of(leaf));
    Transactions failingCommit =
        new Transactions() {
          @Override
          public <T> T inTransaction(Function<EntityManager, T> work) {
            return DB.transactions()
                .inTransaction(
                    em -> {
                      work.apply(em);
                      em.flush(); // every row is written, then the transaction fails
                      throw new StorageException("commit failed");
                    });
          }
        };
    JpaDirectoryService failing = new JpaDirectoryService(failingCommit);
    try (DirectoryPutter putter = failing.openPut()) {
      putter.put(leaf);
      putter.put(root);
      assertThrows(StorageException.class, putter::commit);
    }
    assertEquals(0, DB.count("directory"));
    assertEquals(0, DB.count("directory_edge"));

    transactions.set(0);
    try (DirectoryPutter putter = service.openPut()) {
      putter.put(leaf);
      putter.put(root);
      putter.commit();
    }
    assertEquals(1, transactions.get(), "children sent in the closure need no lookup");
    assertEquals(2, DB.count("directory"));
    assertEquals(1, DB.count("directory_edge"));
  }

  @Test
  void firstElementOfALargeClosureCostsOneQuery() {
    Directory root = storeWide(3 * BATCH + 5);
    transactions.set(0);
    try (Stream<Directory> closure = service.getRecursive(root.digest())) {
      Iterator<Directory> it = closure.iterator();
      assertEquals(root, it.next());
      assertEquals(1, transactions.get());
      int n = 1;
      while (it.hasNext()) {
        it.next();
        n++;
      }
      assertEquals(3 * BATCH + 6, n);
      assertEquals(1 + 4, transactions.get(), "the root, then the leaves in batches of " + BATCH);
    }
  }

  @Test
  void abandonedStreamLoadsNoMore() {
    Directory root = storeWide(2 * BATCH);
    transactions.set(0);
    try (Stream<Directory> closure = service.getRecursive(root.digest())) {
      assertEquals(List.of(root), closure.limit(1).toList());
    }
    assertEquals(1, transactions.get());
  }

  @Test
  void storedRowThatNoLongerMatchesItsDigestIsDataLoss() throws SQLException {
    Directory leaf = Trees.leaf("x");
    service.put(leaf);
    overwriteEncoding(leaf.digest(), Trees.leaf("y").encode());
    DataLossException e = assertThrows(DataLossException.class, () -> service.get(leaf.digest()));
    assertTrue(e.getMessage().contains(leaf.digest().toHex()), e.getMessage());
    overwriteEncoding(leaf.digest(), new byte[] {(byte) 0xff});
    assertThrows(DataLossException.class, () -> service.get(leaf.digest()));
  }

  @Test
  void missingChildInAStoredClosureIsDataLoss() throws SQLException {
    Directory leaf = Trees.leaf("x");
    Directory root = Trees.parent("root", List.of(leaf));
    try (DirectoryPutter putter = service.openPut()) {
      putter.put(leaf);
      putter.put(root);
      putter.commit();
    }
    try (Connection c = DB.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("DELETE FROM directory WHERE digest = ?")) {
      s.setBytes(1, leaf.digest().toBytes());
      assertEquals(1, s.executeUpdate());
    }
    try (Stream<Directory> closure = service.getRecursive(root.digest())) {
      DataLossException e = assertThrows(DataLossException.class, closure::toList);
      assertTrue(e.getMessage().contains(leaf.digest().toHex()), e.getMessage());
    }
  }

  private static void overwriteEncoding(B3Digest digest, byte[] encoded) throws SQLException {
    try (Connection c = DB.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement("UPDATE directory SET encoded = ? WHERE digest = ?")) {
      s.setBytes(1, encoded);
      s.setBytes(2, digest.toBytes());
      assertEquals(1, s.executeUpdate());
    }
  }
}
