package dev.tvixstore.ejb.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tvixstore.ejb.persistence.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link StatsSamples} on a real database: measuring, recording, reading back, thinning. */
abstract class StatsSamplesDbTest {
  abstract TestDatabase db();

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  private StatsSamples samples;

  @BeforeEach
  void empty() throws SQLException {
    db().clear();
    try (Connection c = db().dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM stats_sample");
    }
    samples = new StatsSamples(db().transactions());
  }

  private static StatsSample sample(Instant at, long stored, long served) {
    return new StatsSample(at, 1, 2, 3, 4, 500, 400, 300, stored, served);
  }

  @Test
  void measuresCountsAndByteSums() throws SQLException {
    assertEquals(new StatsSample(T0, 0, 0, 0, 0, 0, 0, 0, 0, 0), samples.measure(T0));
    try (Connection c = db().dataSource().getConnection()) {
      // Bound as bytes: X'..' literals are bit strings on PostgreSQL.
      insert(c, "INSERT INTO chunk (digest, size, stored_size) VALUES (?, 300, 100)", 0x11, 32);
      insert(c, "INSERT INTO chunk (digest, size, stored_size) VALUES (?, 200, 50)", 0x22, 32);
      insert(c, "INSERT INTO blob (digest, size) VALUES (?, 500)", 0x33, 32);
      try (PreparedStatement s = c.prepareStatement("INSERT INTO path_info (digest, name,"
          + " root_node, nar_size, nar_sha256) VALUES (?, 'a', ?, 1200, ?)")) {
        s.setBytes(1, new byte[20]);
        s.setBytes(2, new byte[] {1});
        s.setBytes(3, new byte[32]);
        s.executeUpdate();
      }
    }
    StatsSample m = samples.measure(T0);
    assertEquals(new StatsSample(T0, 1, 0, 1, 2, 1200, 500, 500, 150, 0), m);
    assertEquals(1200.0 / 500, m.dedupRatio(), 1e-9);
    assertEquals(500.0 / 150, m.compressionRatio(), 1e-9);
    assertEquals(1, samples.pathsStoredSince(Instant.now().minus(Duration.ofHours(1))));
    assertEquals(0, samples.pathsStoredSince(Instant.now().plus(Duration.ofHours(1))));
  }

  private static void insert(Connection c, String sql, int fill, int length)
      throws SQLException {
    byte[] digest = new byte[length];
    Arrays.fill(digest, (byte) fill);
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setBytes(1, digest);
      s.executeUpdate();
    }
  }

  @Test
  void recordsOncePerInstantAndReadsBackInOrder() {
    samples.record(sample(T0.plusSeconds(600), 20, 2));
    samples.record(sample(T0, 10, 1));
    samples.record(sample(T0, 99, 9));
    assertEquals(List.of(sample(T0, 10, 1), sample(T0.plusSeconds(600), 20, 2)),
        samples.since(T0, 10));
    assertEquals(List.of(sample(T0.plusSeconds(600), 20, 2)),
        samples.since(T0.plusSeconds(1), 10));
    assertEquals(2, samples.narsServedSince(T0.minusSeconds(1)) - 1);
    assertEquals(2, samples.narsServedSince(T0));
  }

  @Test
  void thinsLongHistoriesButKeepsTheNewest() {
    for (int i = 0; i < 100; i++) {
      samples.record(sample(T0.plusSeconds(300L * i), i, 0));
    }
    List<StatsSample> thin = samples.since(T0, 10);
    assertEquals(11, thin.size());
    assertEquals(0, thin.getFirst().storedBytes());
    assertEquals(99, thin.getLast().storedBytes());
    assertEquals(100, samples.deleteBefore(T0.plusSeconds(300L * 100)));
  }
}
