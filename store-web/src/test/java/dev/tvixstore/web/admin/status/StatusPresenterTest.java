package dev.tvixstore.web.admin.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tvixstore.ejb.stats.StoreStats;
import dev.tvixstore.error.StorageException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatusPresenterTest {

  @Test
  void showsVersionDatabaseAndCounts() {
    var presenter =
        new StatusPresenter(
            () -> new StoreStats(1, 2, 3, 4, "H2", "2.2.224 (2023-09-17)", "/srv/data"),
            () -> List.of("a-1:AAAA", "b-1:BBBB"),
            "0.1.0");
    assertEquals(
        List.of(
            new StatusRow("version", "Version", "0.1.0"),
            new StatusRow("data-dir", "Data directory", "/srv/data"),
            new StatusRow("database", "Database", "H2 2.2.224 (2023-09-17)"),
            new StatusRow("count-paths", "Store paths", "1"),
            new StatusRow("count-directories", "Directories", "2"),
            new StatusRow("count-blobs", "Blobs", "3"),
            new StatusRow("count-chunks", "Chunks", "4"),
            new StatusRow("public-keys", "Binary cache public keys", "a-1:AAAA b-1:BBBB")),
        presenter.rows());
  }

  @Test
  void readsFreshCountsEachTime() {
    AtomicLong blobs = new AtomicLong();
    var presenter =
        new StatusPresenter(
            () -> new StoreStats(0, 0, blobs.get(), 0, "PostgreSQL", "15.8", "/d"),
            () -> List.of("k-1:AAAA"),
            "v");
    assertEquals("0", value(presenter.rows(), "count-blobs"));
    blobs.set(5);
    assertEquals("5", value(presenter.rows(), "count-blobs"));
  }

  @Test
  void aFailingDatabaseShowsOneErrorRowAndStillTheKeys() {
    var presenter =
        new StatusPresenter(
            () -> {
              throw new StorageException("connection refused");
            },
            () -> List.of("k-1:AAAA"),
            "v");
    assertEquals(
        List.of(
            new StatusRow("version", "Version", "v"),
            new StatusRow("public-keys", "Binary cache public keys", "k-1:AAAA"),
            new StatusRow("error", "Error", "cannot read store statistics: connection refused")),
        presenter.rows());
  }

  private static String value(List<StatusRow> rows, String id) {
    return rows.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().value();
  }
}
