package dev.tvixstore.castore.directory;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryLookup;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.error.DataLossException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The breadth-first walk of a directory closure that {@link DirectoryService#getRecursive} promises,
 * over any lookup: each directory loaded when it is reached, each digest once. Memory grows with the
 * number of distinct digests seen, not with the directories' contents.
 */
public final class BreadthFirst implements Iterator<Directory> {
  private final DirectoryLookup lookup;
  private final Deque<B3Digest> queue = new ArrayDeque<>();
  private final Set<B3Digest> seen = new HashSet<>();
  private final B3Digest root;
  private Directory next;

  private BreadthFirst(B3Digest root, DirectoryLookup lookup) {
    this.root = root;
    this.lookup = lookup;
    queue.add(root);
    seen.add(root);
  }

  /** The closure of {@code root} as a lazy stream; empty when the root is not stored. */
  public static Stream<Directory> stream(B3Digest root, DirectoryLookup lookup) {
    BreadthFirst walk = new BreadthFirst(root, lookup);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(walk, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  @Override
  public boolean hasNext() {
    if (next == null && !queue.isEmpty()) {
      B3Digest digest = queue.poll();
      Optional<Directory> found = lookup.get(digest);
      if (found.isEmpty()) {
        if (digest.equals(root)) {
          queue.clear();
          return false;
        }
        // DirectoryService contract: a stored directory's closure is stored.
        throw new DataLossException("directory " + digest + " in the closure of " + root + " is missing");
      }
      next = found.get();
      for (DirectoryNode child : next.directories()) {
        if (seen.add(child.digest())) {
          queue.add(child.digest());
        }
      }
    }
    return next != null;
  }

  @Override
  public Directory next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Directory d = next;
    next = null;
    return d;
  }
}
