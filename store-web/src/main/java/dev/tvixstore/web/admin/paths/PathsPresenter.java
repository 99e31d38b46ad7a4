package dev.tvixstore.web.admin.paths;

import dev.tvixstore.ejb.pathinfo.PathInfoBrowser;
import dev.tvixstore.ejb.pathinfo.PathSort;
import dev.tvixstore.ejb.pathinfo.PathSummary;
import dev.tvixstore.ejb.persistence.Transactions;
import jakarta.enterprise.inject.spi.CDI;
import java.util.List;
import java.util.Objects;

/**
 * Feeds the paths grid page by page from the database: the grid's offset and limit become one
 * query each ({@link PathInfoBrowser}), never a read of the whole table. Newest first unless the
 * user sorts.
 */
public final class PathsPresenter {
  /** Where pages come from: {@link PathInfoBrowser} in the server. */
  public interface Pages {
    List<PathSummary> page(String search, PathSort sort, boolean ascending, long offset, int limit);

    long count(String search);
  }

  private final Pages browser;

  public PathsPresenter(Pages browser) {
    this.browser = Objects.requireNonNull(browser, "browser");
  }

  /** The presenter wired to the deployed database. */
  public static PathsPresenter fromContainer() {
    PathInfoBrowser b = new PathInfoBrowser(CDI.current().select(Transactions.class).get());
    return new PathsPresenter(new Pages() {
      @Override
      public List<PathSummary> page(
          String search, PathSort sort, boolean ascending, long offset, int limit) {
        return b.page(search, sort, ascending, offset, limit);
      }

      @Override
      public long count(String search) {
        return b.count(search);
      }
    });
  }

  /** Column keys of the grid that sort, and their database order. */
  public static PathSort sortOf(String columnKey) {
    return switch (columnKey) {
      case "name" -> PathSort.NAME;
      case "narSize" -> PathSort.NAR_SIZE;
      case "created" -> PathSort.CREATED;
      default -> throw new IllegalArgumentException("no sortable column " + columnKey);
    };
  }

  /**
   * One page of the grid.
   *
   * @param sortKey the sorted column's key, or null for the default (newest first)
   */
  public List<PathSummary> fetch(
      String search, String sortKey, boolean ascending, int offset, int limit) {
    PathSort sort = sortKey == null ? PathSort.CREATED : sortOf(sortKey);
    boolean asc = sortKey != null && ascending;
    return browser.page(search, sort, asc, offset, Math.min(limit, PathInfoBrowser.MAX_PAGE));
  }

  /** How many rows the grid has for {@code search}. */
  public int count(String search) {
    return (int) Math.min(Integer.MAX_VALUE, browser.count(search));
  }
}
