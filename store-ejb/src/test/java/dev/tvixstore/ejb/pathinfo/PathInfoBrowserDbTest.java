package dev.tvixstore.ejb.pathinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.store.StorePath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link PathInfoBrowser} on a real database: search, sort, pages and closures. */
abstract class PathInfoBrowserDbTest {
  abstract TestDatabase db();

  private PathInfoBrowser browser;
  private final StorePath[] p = new StorePath[5];

  @BeforeEach
  void fill() throws SQLException {
    db().clear();
    browser = new PathInfoBrowser(db().transactions());
    String[] names = {"hello-2.12", "hello-doc", "bash-5.2", "glibc-2.40", "zlib-1.3"};
    for (int i = 0; i < names.length; i++) {
      byte[] d = new byte[20];
      d[0] = (byte) (i * 40);
      d[19] = (byte) i;
      d[1] = 7;
      p[i] = StorePath.of(d, names[i]);
    }
    try (Connection c = db().dataSource().getConnection()) {
      for (int i = 0; i < p.length; i++) {
        insertPath(c, p[i], 1000L * (5 - i), Instant.parse("2026-01-0" + (i + 1) + "T00:00:00Z"));
      }
      // hello -> glibc, bash -> glibc, glibc -> itself and to a path that is not stored.
      reference(c, p[0], 0, p[3]);
      reference(c, p[2], 0, p[3]);
      reference(c, p[3], 0, p[3]);
      reference(c, p[3], 1, StorePath.of(new byte[20], "gone"));
    }
  }

  static void insertPath(Connection c, StorePath path, long narSize, Instant at)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO path_info (digest, name, root_node,"
        + " nar_size, nar_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setBytes(1, path.digest());
      s.setString(2, path.name());
      s.setBytes(3, new byte[] {1});
      s.setLong(4, narSize);
      s.setBytes(5, new byte[32]);
      s.setObject(6, at.atOffset(ZoneOffset.UTC));
      s.executeUpdate();
    }
  }

  private static void reference(Connection c, StorePath from, int idx, StorePath to)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO path_reference (path_digest, idx,"
        + " ref_digest, ref_name) VALUES (?, ?, ?, ?)")) {
      s.setBytes(1, from.digest());
      s.setInt(2, idx);
      s.setBytes(3, to.digest());
      s.setString(4, to.toBasename());
      s.executeUpdate();
    }
  }

  private List<String> names(List<PathSummary> page) {
    return page.stream().map(PathSummary::name).toList();
  }

  @Test
  void sortsByNameSizeAndDateBothWays() {
    assertEquals(List.of("bash-5.2", "glibc-2.40", "hello-2.12", "hello-doc", "zlib-1.3"),
        names(browser.page("", PathSort.NAME, true, 0, 10)));
    assertEquals(List.of("zlib-1.3", "glibc-2.40", "bash-5.2", "hello-doc", "hello-2.12"),
        names(browser.page("", PathSort.NAR_SIZE, true, 0, 10)));
    assertEquals(List.of("zlib-1.3", "glibc-2.40"),
        names(browser.page(null, PathSort.CREATED, false, 0, 2)));
  }

  @Test
  void pagesByOffsetAndLimitWithoutOverlap() {
    assertEquals(5, browser.count(""));
    assertEquals(List.of("glibc-2.40", "hello-2.12"),
        names(browser.page("", PathSort.NAME, true, 1, 2)));
    assertEquals(List.of("zlib-1.3"), names(browser.page("", PathSort.NAME, true, 4, 2)));
    assertEquals(List.of(), browser.page("", PathSort.NAME, true, 5, 2));
  }

  @Test
  void searchesNamesIgnoringCaseAndTreatsWildcardsAsText() {
    assertEquals(2, browser.count("HELLO"));
    assertEquals(List.of("hello-doc", "hello-2.12"),
        names(browser.page("hello", PathSort.NAME, false, 0, 10)));
    assertEquals(0, browser.count("%"));
    assertEquals(0, browser.count("b_sh"));
  }

  @Test
  void findsOnePathByHashBasenameOrAbsolutePath() {
    for (String q : List.of(p[2].hashPart(), p[2].toBasename(), p[2].toAbsolutePath())) {
      assertEquals(List.of("bash-5.2"), names(browser.page(q, PathSort.NAME, true, 0, 10)), q);
      assertEquals(1, browser.count(q));
    }
    PathSummary row = browser.find(p[2]).orElseThrow();
    assertEquals(p[2].toBasename(), row.basename());
    assertEquals(Instant.parse("2026-01-03T00:00:00Z"), row.createdAt());
    assertEquals(3000, row.narSize());
    assertTrue(browser.find(StorePath.of(new byte[20], "nope")).isEmpty());
  }

  @Test
  void closureCountsEachPathOnceAndTheMissingOnes() {
    assertEquals(new PathClosure(2, 5000 + 2000, 1), browser.closure(p[0]));
    assertEquals(new PathClosure(1, 1000, 0), browser.closure(p[4]));
    assertEquals(new PathClosure(0, 0, 1), browser.closure(StorePath.of(new byte[20], "x")));
  }

  @Test
  void rejectsPagesOutOfRange() {
    assertThrows(InvalidRequestException.class,
        () -> browser.page("", PathSort.NAME, true, -1, 10));
    assertThrows(InvalidRequestException.class,
        () -> browser.page("", PathSort.NAME, true, 0, 0));
    assertThrows(InvalidRequestException.class,
        () -> browser.page("", PathSort.NAME, true, 0, PathInfoBrowser.MAX_PAGE + 1));
  }
}
