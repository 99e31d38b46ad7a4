package dev.tvixstore.ejb.pathinfo;

import dev.tvixstore.store.PathInfo;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@code PathInfoService#list} as keyset pagination: each page is the next {@code pageSize} paths
 * in digest order after the last digest seen, loaded when the previous page is used up. Memory:
 * one page. A page is one short transaction, so nothing stays open between pages and the stream
 * has nothing to close; paths put or removed meanwhile may or may not be seen, but no path is
 * seen twice.
 */
final class PathInfoPages implements Iterator<PathInfo> {
  private final int pageSize;
  private final BiFunction<byte[], Integer, List<PathInfo>> loader;
  private final Deque<PathInfo> loaded = new ArrayDeque<>();
  private byte[] after;
  private boolean exhausted;

  private PathInfoPages(int pageSize, BiFunction<byte[], Integer, List<PathInfo>> loader) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be at least 1, got " + pageSize);
    }
    this.pageSize = pageSize;
    this.loader = loader;
  }

  /**
   * Every path, lazily.
   *
   * @param loader up to {@code size} paths in digest order after {@code after} (null: from the
   *     start)
   */
  static Stream<PathInfo> stream(
      int pageSize, BiFunction<byte[], Integer, List<PathInfo>> loader) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            new PathInfoPages(pageSize, loader),
            Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT),
        false);
  }

  @Override
  public boolean hasNext() {
    if (loaded.isEmpty() && !exhausted) {
      List<PathInfo> page = loader.apply(after, pageSize);
      loaded.addAll(page);
      exhausted = page.size() < pageSize;
      if (!page.isEmpty()) {
        after = page.get(page.size() - 1).storePath().digest();
      }
    }
    return !loaded.isEmpty();
  }

  @Override
  public PathInfo next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return loaded.poll();
  }
}
