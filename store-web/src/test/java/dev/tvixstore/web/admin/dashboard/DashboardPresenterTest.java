package dev.tvixstore.web.admin.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.ejb.stats.StatsSample;
import dev.tvixstore.web.admin.status.StatusRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardPresenterTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

  private final List<StatsSample> history = new ArrayList<>();
  private final List<Instant> asked = new ArrayList<>();
  private boolean failing;

  private final DashboardPresenter.Source source = new DashboardPresenter.Source() {
    @Override
    public StatsSample measure(Instant at) {
      if (failing) {
        throw new IllegalStateException("database down");
      }
      return new StatsSample(at, 3, 4, 5, 6, 4096, 3000, 2048, 1024, 0);
    }

    @Override
    public List<StatsSample> history(Instant since, int max) {
      asked.add(since);
      return history;
    }

    @Override
    public long pathsStoredSince(Instant since) {
      return since.equals(NOW.minus(Duration.ofHours(1))) ? 2 : 7;
    }

    @Override
    public long narsServedSince(Instant since) {
      return since.equals(NOW.minus(Duration.ofHours(1))) ? 11 : 40;
    }
  };

  private final DashboardPresenter presenter = new DashboardPresenter(
      source, () -> List.of("cache-1:AAAA", "cache-2:BBBB"), Clock.fixed(NOW, ZoneOffset.UTC));

  private static Map<String, String> values(List<StatusRow> rows) {
    Map<String, String> m = new LinkedHashMap<>();
    rows.forEach(r -> m.put(r.id(), r.value()));
    return m;
  }

  @Test
  void showsByteTotalsRatiosAndTraffic() {
    Map<String, String> v = values(presenter.show().rows());
    assertEquals("4096 bytes (4.0 KiB)", v.get("logical-bytes"));
    assertEquals("3000 bytes (2.9 KiB)", v.get("blob-bytes"));
    assertEquals("2048 bytes (2.0 KiB)", v.get("chunk-bytes"));
    assertEquals("1024 bytes (1.0 KiB)", v.get("stored-bytes"));
    assertEquals("2.00×", v.get("dedup-ratio"));
    assertEquals("2.00×", v.get("compression-ratio"));
    assertEquals("2", v.get("uploads-hour"));
    assertEquals("7", v.get("uploads-day"));
    assertEquals("11", v.get("downloads-hour"));
    assertEquals("40", v.get("downloads-day"));
  }

  @Test
  void plotsAWeekOfSamplesPlusTheLiveOne() {
    assertTrue(presenter.show().plot().contains("Not enough samples yet"));
    assertEquals(List.of(NOW.minus(Duration.ofDays(7))), asked);
    history.add(new StatsSample(NOW.minusSeconds(600), 1, 1, 1, 1, 100, 100, 100, 50, 0));
    String svg = presenter.show().plot();
    assertTrue(svg.startsWith("<svg"), svg);
    // Two lines: stored bytes rise from 50 to 1024 of a 4096 maximum (logical NAR bytes).
    assertEquals(2, svg.split("<polyline").length - 1, svg);
    assertTrue(svg.contains("max 4.0 KiB"), svg);
    assertTrue(svg.contains("2026-05-01 09:50") && svg.contains("2026-05-01 10:00 UTC"), svg);
  }

  @Test
  void aDatabaseFailureIsOneErrorRow() {
    failing = true;
    List<StatusRow> rows = presenter.show().rows();
    assertEquals(1, rows.size());
    assertEquals("dashboard-error", rows.getFirst().id());
    assertTrue(rows.getFirst().value().contains("database down"));
  }

  @Test
  void nixConfNamesThisCacheAndEveryKey() {
    String expected = "substituters = http://store:8080/\n"
        + "trusted-public-keys = cache-1:AAAA cache-2:BBBB";
    assertEquals(expected, presenter.nixConf("http://store:8080/"));
    assertEquals(expected, presenter.nixConf("http://store:8080"));
  }

}
