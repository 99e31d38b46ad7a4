package dev.tvixstore.ejb.directory;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.error.DataLossException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The breadth-first walk of {@code DirectoryService#getRecursive}, loading the directories of up
 * to {@code batchSize} queued digests at a time (one query instead of one per directory). The
 * first load is the root alone, so the first element costs one query whatever the closure's
 * size. Memory: the digests seen so far and at most one batch of directories. Loads hold nothing
 * open between elements, so the stream has no resources to close.
 */
final class BatchedBreadthFirst implements Iterator<Directory> {
  private final B3Digest root;
  private final int batchSize;
  private final Function<List<B3Digest>, Map<B3Digest, Directory>> loader;
  private final Deque<B3Digest> queued = new ArrayDeque<>();
  private final Set<B3Digest> seen = new HashSet<>();
  private final Deque<Directory> loaded = new ArrayDeque<>();

  private BatchedBreadthFirst(
      B3Digest root, int batchSize, Function<List<B3Digest>, Map<B3Digest, Directory>> loader) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    this.root = root;
    this.batchSize = batchSize;
    this.loader = loader;
    queued.add(root);
    seen.add(root);
  }

  /**
   * The closure of {@code root}, root first; empty when the root is not stored.
   *
   * @param loader the stored directories among the digests it is given
   */
  static Stream<Directory> stream(
      B3Digest root, int batchSize, Function<List<B3Digest>, Map<B3Digest, Directory>> loader) {
    BatchedBreadthFirst walk = new BatchedBreadthFirst(root, batchSize, loader);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            walk, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT),
        false);
  }

  @Override
  public boolean hasNext() {
    if (loaded.isEmpty() && !queued.isEmpty()) {
      loadBatch();
    }
    return !loaded.isEmpty();
  }

  /** Loads the next digests in queue order; their children join the queue in the same order. */
  private void loadBatch() {
    List<B3Digest> batch = new ArrayList<>(Math.min(batchSize, queued.size()));
    while (batch.size() < batchSize && !queued.isEmpty()) {
      batch.add(queued.poll());
    }
    Map<B3Digest, Directory> found = loader.apply(batch);
    for (B3Digest digest : batch) {
      Directory d = found.get(digest);
      if (d == null) {
        if (digest.equals(root)) {
          return; // not stored: an empty closure
        }
        // DirectoryService contract: a stored directory's closure is stored.
        throw new DataLossException(
            "directory " + digest + " in the closure of " + root + " is missing");
      }
      loaded.add(d);
      for (DirectoryNode child : d.directories()) {
        if (seen.add(child.digest())) {
          queued.add(child.digest());
        }
      }
    }
  }

  @Override
  public Directory next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return loaded.poll();
  }
}
