package dev.tvixstore.castore.directory;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryLookup;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.directory.InvalidClosureException.Rule;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a closure of directories as it streams in, leaves first (DESIGN.md §2), for every backend.
 * A plain class: backends feed it each directory, then ask it for the validated closure in the
 * order it arrived, and store that.
 *
 * <p>Children may point to directories sent earlier or to directories the backend has stored
 * already ({@code stored}); the stored ones are trusted to carry their closure with them.
 */
public final class ClosureValidator {
  private final DirectoryLookup stored;
  /** Directories received, deduplicated, in arrival order (so leaves stay before parents). */
  private final Map<B3Digest, Directory> received = new LinkedHashMap<>();
  private B3Digest last;

  /** Creates a validator that resolves children not sent in the closure through {@code stored}. */
  public ClosureValidator(DirectoryLookup stored) {
    this.stored = stored;
  }

  /**
   * Checks the next directory against those before it and the store.
   *
   * @throws InvalidClosureException with {@link Rule#DANGLING_CHILD} or {@link
   *     Rule#CHILD_SIZE_MISMATCH}
   */
  public void accept(Directory directory) {
    B3Digest digest = directory.digest();
    for (DirectoryNode child : directory.directories()) {
      long childSize = sizeOf(child.digest())
          .orElseThrow(() -> new InvalidClosureException(Rule.DANGLING_CHILD,
              "directory " + digest + " has child '" + child.name() + "' -> " + child.digest()
                  + ", which was neither sent before it nor is stored"));
      if (childSize != child.size()) {
        throw new InvalidClosureException(Rule.CHILD_SIZE_MISMATCH,
            "directory " + digest + " says child '" + child.name() + "' -> " + child.digest()
                + " has size " + Long.toUnsignedString(child.size()) + ", but it has size "
                + Long.toUnsignedString(childSize));
      }
    }
    received.putIfAbsent(digest, directory);
    last = digest;
  }

  private Optional<Long> sizeOf(B3Digest digest) {
    Directory sent = received.get(digest);
    if (sent != null) {
      return Optional.of(sent.size());
    }
    return stored.get(digest).map(Directory::size);
  }

  /**
   * Checks that every directory received is reachable from the root (the last one received).
   *
   * @return the root's digest
   * @throws InvalidClosureException with {@link Rule#EMPTY_CLOSURE} or {@link Rule#UNCONNECTED}
   */
  public B3Digest finish() {
    if (last == null) {
      throw new InvalidClosureException(Rule.EMPTY_CLOSURE, "no directory was sent");
    }
    Set<B3Digest> reached = new HashSet<>();
    Deque<B3Digest> todo = new ArrayDeque<>();
    todo.add(last);
    while (!todo.isEmpty()) {
      Directory d = received.get(todo.poll());
      if (d == null) {
        continue; // a stored directory: its closure is stored, not part of this one
      }
      if (reached.add(d.digest())) {
        for (DirectoryNode child : d.directories()) {
          todo.add(child.digest());
        }
      }
    }
    if (reached.size() != received.size()) {
      List<B3Digest> unconnected =
          received.keySet().stream().filter(k -> !reached.contains(k)).limit(5).toList();
      throw new InvalidClosureException(Rule.UNCONNECTED,
          (received.size() - reached.size()) + " directories are not reachable from root " + last
              + ", e.g. " + unconnected);
    }
    return last;
  }

  /** The validated closure, deduplicated, leaves first, root last. Call after {@link #finish()}. */
  public List<Directory> directories() {
    return List.copyOf(received.values());
  }
}
