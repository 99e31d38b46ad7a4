package dev.tvixstore.web.admin.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tvixstore.ejb.pathinfo.PathInfoBrowser;
import dev.tvixstore.ejb.pathinfo.PathSort;
import dev.tvixstore.ejb.pathinfo.PathSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathsPresenterTest {
  private final List<String> calls = new ArrayList<>();
  private long total = 12;

  private final PathsPresenter presenter = new PathsPresenter(new PathsPresenter.Pages() {
    @Override
    public List<PathSummary> page(
        String search, PathSort sort, boolean ascending, long offset, int limit) {
      calls.add(search + " " + sort + " " + (ascending ? "asc" : "desc") + " " + offset + "+"
          + limit);
      return List.of(new PathSummary("0".repeat(32), "a", 1, Instant.EPOCH));
    }

    @Override
    public long count(String search) {
      calls.add("count " + search);
      return total;
    }
  });

  @Test
  void asksTheDatabaseForExactlyTheGridsPage() {
    assertEquals(1, presenter.fetch("gcc", "narSize", true, 50, 50).size());
    presenter.fetch("", "name", false, 0, 50);
    presenter.fetch("", "created", true, 0, 50);
    assertEquals(List.of("gcc NAR_SIZE asc 50+50", " NAME desc 0+50", " CREATED asc 0+50"),
        calls);
  }

  @Test
  void newestFirstWhenNothingIsSorted() {
    presenter.fetch("x", null, true, 0, 50);
    assertEquals(List.of("x CREATED desc 0+50"), calls);
  }

  @Test
  void capsThePageSizeAndTheCount() {
    presenter.fetch("", null, true, 0, 5000);
    assertEquals(List.of(" CREATED desc 0+" + PathInfoBrowser.MAX_PAGE), calls);
    assertEquals(12, presenter.count("q"));
    total = Long.MAX_VALUE;
    assertEquals(Integer.MAX_VALUE, presenter.count("q"));
  }

  @Test
  void rejectsAnUnknownSortColumn() {
    assertThrows(IllegalArgumentException.class, () -> PathsPresenter.sortOf("hash"));
  }
}
