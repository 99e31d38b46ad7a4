package dev.tvixstore.ejb.pathinfo;

import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.nix.Nixbase32;
import dev.tvixstore.store.StorePath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The console's paths grid over synthetic metadata, not a unit test: {@code PathsGridBench
 * h2|postgres [paths]}. Inserts {@code paths} (default 100 000) path_info rows with one
 * reference each (batched JDBC, spread over a year of created_at), then times what the grid asks
 * of {@link PathInfoBrowser}: the count, the first page of 50 in each sort, a page deep in the
 * table, a name search and a hash search. Prints the median of 7 runs of each (after 3 warm-up
 * runs). PostgreSQL needs the TVIX_TEST_PG_* variables of {@code .ci/test}.
 */
public final class PathsGridBench {
  private static final int BATCH = 2000;
  private static final int PAGE = 50;

  private PathsGridBench() {}

  public static void main(String[] args) throws Exception {
    boolean pg = args.length > 0 && args[0].equals("postgres");
    int paths = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    TestDatabase db = pg ? TestDatabase.postgres() : TestDatabase.h2();
    db.beforeAll(null);
    try {
      long t0 = System.nanoTime();
      byte[] some = insert(db, paths);
      System.out.printf("%s: inserted %d paths in %.1f s%n", pg ? "PostgreSQL" : "H2",
          db.count("path_info"), (System.nanoTime() - t0) / 1e9);
      if (pg) {
        try (Connection c = db.dataSource().getConnection()) {
          c.createStatement().execute("ANALYZE");
        }
      }
      PathInfoBrowser b = new PathInfoBrowser(db.transactions());
      String hash = Nixbase32.encode(some);
      time("count (all)", () -> b.count(""));
      time("first page, newest first", () -> b.page("", PathSort.CREATED, false, 0, PAGE));
      time("first page, oldest first", () -> b.page("", PathSort.CREATED, true, 0, PAGE));
      time("first page, by name", () -> b.page("", PathSort.NAME, true, 0, PAGE));
      time("first page, by NAR size desc", () -> b.page("", PathSort.NAR_SIZE, false, 0, PAGE));
      time("page at offset " + paths / 2 + ", by name",
          () -> b.page("", PathSort.NAME, true, paths / 2, PAGE));
      time("name search 'lib-12' (count + page)",
          () -> b.count("lib-12") + b.page("lib-12", PathSort.CREATED, false, 0, PAGE).size());
      time("hash search (count + page)",
          () -> b.count(hash) + b.page(hash, PathSort.CREATED, false, 0, PAGE).size());
      time("closure of one path",
          () -> b.closure(StorePath.of(some, "lib-" + 0)));
    } finally {
      db.afterAll(null);
    }
  }

  private static void time(String what, Supplier<Object> query) {
    for (int i = 0; i < 3; i++) {
      query.get();
    }
    long[] ms = new long[7];
    for (int i = 0; i < ms.length; i++) {
      long t = System.nanoTime();
      query.get();
      ms[i] = (System.nanoTime() - t) / 1000;
    }
    Arrays.sort(ms);
    System.out.printf("  %-40s median %6.2f ms (min %.2f, max %.2f)%n", what, ms[3] / 1e3,
        ms[0] / 1e3, ms[ms.length - 1] / 1e3);
  }

  /** Inserts the rows; returns the digest of a path in the middle. */
  private static byte[] insert(TestDatabase db, int paths) throws SQLException {
    Random r = new Random(1);
    byte[] middle = null;
    // Each path refers to one of the first 100 ("base libraries"): closures are small and wide,
    // as in a real store, not one 100 000-deep chain.
    byte[][] base = new byte[100][];
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement pi = c.prepareStatement("INSERT INTO path_info (digest, name,"
              + " root_node, nar_size, nar_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)");
          PreparedStatement ref = c.prepareStatement("INSERT INTO path_reference (path_digest,"
              + " idx, ref_digest, ref_name) VALUES (?, 0, ?, ?)")) {
        for (int p = 0; p < paths; p++) {
          byte[] digest = new byte[20];
          r.nextBytes(digest);
          byte[] sha = new byte[32];
          r.nextBytes(sha);
          String name = (p % 3 == 0 ? "lib-" : p % 3 == 1 ? "tool-" : "doc-") + p;
          pi.setBytes(1, digest);
          pi.setString(2, name);
          pi.setBytes(3, new byte[] {1});
          pi.setLong(4, 1 + r.nextInt(50_000_000));
          pi.setBytes(5, sha);
          pi.setObject(6, start.plusSeconds(315L * p).atOffset(ZoneOffset.UTC));
          pi.addBatch();
          if (p < base.length) {
            base[p] = digest;
          } else {
            int to = r.nextInt(base.length);
            ref.setBytes(1, digest);
            ref.setBytes(2, base[to]);
            ref.setString(3, StorePath.of(base[to], (to % 3 == 0 ? "lib-" : to % 3 == 1
                ? "tool-" : "doc-") + to).toBasename());
            ref.addBatch();
          }
          if (p == paths / 2) {
            middle = digest;
          }
          if ((p + 1) % BATCH == 0 || p == paths - 1) {
            pi.executeBatch();
            ref.executeBatch();
            c.commit();
          }
        }
      }
    }
    return middle;
  }
}
