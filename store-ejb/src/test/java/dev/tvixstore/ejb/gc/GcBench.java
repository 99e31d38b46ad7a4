package dev.tvixstore.ejb.gc;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.CastoreProto;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.ejb.blob.ChunkFileStore;
import dev.tvixstore.ejb.persistence.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

/**
 * GC over synthetic metadata, not a unit test: {@code GcBench h2|postgres [paths]}. Each path is a
 * root directory with one subdirectory, 5 blobs of 2 chunks each (100 000 paths: 200 000
 * directories, 500 000 blobs, 1 000 000 chunks), inserted with batched JDBC; then a tenth of the
 * paths is deleted and a dry run and a real run are timed. No chunk files exist, so the figures
 * are the database's: marking, the guarded deletes, and one empty directory scan. PostgreSQL needs
 * the TVIX_TEST_PG_* variables of {@code .ci/test}.
 */
public final class GcBench {
  private static final int BATCH = 5000;

  private GcBench() {}

  public static void main(String[] args) throws Exception {
    boolean pg = args.length > 0 && args[0].equals("postgres");
    int paths = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    TestDatabase db = pg ? TestDatabase.postgres() : TestDatabase.h2();
    db.beforeAll(null);
    Path work = Files.createTempDirectory("gc-bench");
    try (ChunkFileStore store = new ChunkFileStore(work, ChunkFileStore.Options.defaults())) {
      long t0 = System.nanoTime();
      insert(db, paths);
      System.out.printf("%s: inserted %d paths, %d directories, %d blobs, %d chunks in %.1f s%n",
          pg ? "PostgreSQL" : "H2", db.count("path_info"), db.count("directory"),
          db.count("blob"), db.count("chunk"), secs(t0));
      try (Connection c = db.dataSource().getConnection();
          Statement s = c.createStatement()) {
        // The rows are "old": the runs below use grace 0 anyway, this only makes it explicit.
        for (String t : new String[] {"directory", "blob", "chunk"}) {
          s.executeUpdate("UPDATE " + t + " SET touched_at = TIMESTAMP '2020-01-01 00:00:00'");
        }
        long t1 = System.nanoTime();
        int deleted = s.executeUpdate("DELETE FROM path_info WHERE name LIKE 'p%0'");
        System.out.printf("deleted %d paths in %.1f s%n", deleted, secs(t1));
      }
      long[] last = {System.nanoTime()};
      String[] phase = {"start"};
      GcHooks timing = point -> {
        if (point.startsWith("before:")) {
          System.out.printf("  %s %.1f s;", phase[0], secs(last[0]));
          phase[0] = point.substring("before:".length());
          last[0] = System.nanoTime();
        }
      };
      GarbageCollector gc =
          new GarbageCollector(db.transactions(), store, Duration.ZERO, Clock.systemUTC(),
              timing);
      for (boolean dry : new boolean[] {true, false, false}) {
        long t = System.nanoTime();
        GcRun run = gc.run(dry);
        System.out.println();
        System.out.printf("%s run: %s in %.1f s, %s%n", dry ? "dry" : "real", run.state(),
            secs(t), run.freed());
      }
    } finally {
      db.afterAll(null);
    }
  }

  private static double secs(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void insert(TestDatabase db, int paths) throws SQLException {
    Random r = new Random(1);
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement pi = c.prepareStatement("INSERT INTO path_info (digest, name,"
              + " root_node, nar_size, nar_sha256) VALUES (?, ?, ?, 1000, ?)");
          PreparedStatement dir = c.prepareStatement(
              "INSERT INTO directory (digest, encoded, size) VALUES (?, ?, 1)");
          PreparedStatement edge = c.prepareStatement(
              "INSERT INTO directory_edge (parent_digest, child_digest) VALUES (?, ?)");
          PreparedStatement dblob = c.prepareStatement(
              "INSERT INTO directory_blob (directory_digest, blob_digest) VALUES (?, ?)");
          PreparedStatement blob = c.prepareStatement(
              "INSERT INTO blob (digest, size) VALUES (?, 600000)");
          PreparedStatement chunk = c.prepareStatement(
              "INSERT INTO chunk (digest, size, stored_size) VALUES (?, 300000, 150000)");
          PreparedStatement bc = c.prepareStatement("INSERT INTO blob_chunk (blob_digest, idx,"
              + " chunk_digest, chunk_offset) VALUES (?, ?, ?, ?)")) {
        PreparedStatement[] all = {pi, dir, edge, dblob, blob, chunk, bc};
        for (int p = 0; p < paths; p++) {
          byte[] root = digest(r, 32);
          byte[] sub = digest(r, 32);
          for (byte[] d : new byte[][] {root, sub}) {
            dir.setBytes(1, d);
            dir.setBytes(2, new byte[] {1});
            dir.addBatch();
          }
          edge.setBytes(1, root);
          edge.setBytes(2, sub);
          edge.addBatch();
          for (int b = 0; b < 5; b++) {
            byte[] bd = digest(r, 32);
            blob.setBytes(1, bd);
            blob.addBatch();
            dblob.setBytes(1, b < 2 ? root : sub);
            dblob.setBytes(2, bd);
            dblob.addBatch();
            for (int k = 0; k < 2; k++) {
              byte[] cd = digest(r, 32);
              chunk.setBytes(1, cd);
              chunk.addBatch();
              bc.setBytes(1, bd);
              bc.setInt(2, k);
              bc.setBytes(3, cd);
              bc.setLong(4, k * 300_000L);
              bc.addBatch();
            }
          }
          DirectoryNode node = new DirectoryNode(PathComponent.of("p" + p), B3Digest.of(root), 7);
          pi.setBytes(1, digest(r, 20));
          pi.setString(2, "p" + p);
          pi.setBytes(3, CastoreProto.encode(node));
          pi.setBytes(4, digest(r, 32));
          pi.addBatch();
          if ((p + 1) % (BATCH / 10) == 0 || p == paths - 1) {
            for (PreparedStatement s : all) {
              s.executeBatch();
            }
            c.commit();
          }
        }
      }
    }
  }

  private static byte[] digest(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }
}
