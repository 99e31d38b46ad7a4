package dev.tvixstore.ejb.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Transactions} and {@link InsertIfAbsent} on one database: commit, rollback, error
 * translation, and concurrent inserts of the same keys. Subclasses name the database.
 */
abstract class TransactionsTest {

  abstract TestDatabase db();

  @BeforeEach
  void empty() throws SQLException {
    db().clear();
  }

  private static byte[] digest(int b) {
    byte[] d = new byte[32];
    d[0] = (byte) b;
    d[31] = (byte) (b >> 8);
    return d;
  }

  /** Inserts chunk rows for {@code keys} (in order) in one transaction; which were new. */
  private boolean[] insertChunks(int... keys) {
    return db().transactions()
        .inTransaction(
            em ->
                em.callWithConnection(
                    (Connection c) -> {
                      try (InsertIfAbsent insert =
                          InsertIfAbsent.prepare(c, "chunk", "digest", "size", "stored_size")) {
                        for (int k : keys) {
                          insert.add(digest(k), (long) k, 1L);
                        }
                        return insert.execute();
                      }
                    }));
  }

  @Test
  void insertIfAbsentReportsWhichRowsItInserted() throws SQLException {
    assertArrayEquals(new boolean[] {true, true}, insertChunks(1, 2));
    assertArrayEquals(new boolean[] {false, true, false}, insertChunks(1, 3, 2));
    assertArrayEquals(new boolean[0], insertChunks());
    assertEquals(3, db().count("chunk"));
  }

  @Test
  void storeExceptionRollsBackAndPassesUnchanged() throws SQLException {
    InvalidRequestException thrown = new InvalidRequestException("no");
    InvalidRequestException caught =
        assertThrows(
            InvalidRequestException.class,
            () ->
                db().transactions()
                    .inTransaction(
                        em -> {
                          em.callWithConnection(
                              (Connection c) -> {
                                try (InsertIfAbsent insert =
                                    InsertIfAbsent.prepare(c, "blob", "digest", "size")) {
                                  insert.add(digest(7), 7L);
                                  return insert.execute();
                                }
                              });
                          throw thrown;
                        }));
    assertSame(thrown, caught);
    assertEquals(0, db().count("blob"));
  }

  @Test
  void databaseFailureBecomesStorageExceptionWithCause() {
    StorageException e =
        assertThrows(
            StorageException.class,
            () ->
                db().transactions()
                    .inTransaction(
                        em -> em.createNativeQuery("SELECT * FROM no_such_table").getResultList()));
    assertInstanceOf(RuntimeException.class, e.getCause());
  }

  @Test
  void concurrentInsertsOfTheSameKeysAllSucceedOnce() throws Exception {
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<boolean[]>> results = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int first = w;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  // Overlapping ranges, each in key order (InsertIfAbsent's advice).
                  int[] keys = new int[40];
                  for (int i = 0; i < keys.length; i++) {
                    keys[i] = first * 10 + i;
                  }
                  return insertChunks(keys);
                }));
      }
      start.countDown();
      int inserted = 0;
      for (Future<boolean[]> f : results) {
        for (boolean b : f.get()) {
          inserted += b ? 1 : 0;
        }
      }
      long distinct = (writers - 1) * 10L + 40;
      assertEquals(distinct, inserted, "each key inserted by exactly one writer");
      assertEquals(distinct, db().count("chunk"));
    } finally {
      pool.shutdownNow();
    }
  }
}
