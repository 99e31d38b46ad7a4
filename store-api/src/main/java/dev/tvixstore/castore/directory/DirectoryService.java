package dev.tvixstore.castore.directory;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryLookup;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stores {@link Directory} messages by digest and serves them singly or as whole closures.
 *
 * <p>Contract (checked by {@code DirectoryServiceContract} for every backend):
 *
 * <ul>
 *   <li>Directories are put as closures through a {@link DirectoryPutter}, leaves first: every
 *       child {@code DirectoryNode} points to a directory sent earlier in the same closure or already
 *       stored, with the matching size; the last directory is the root and every directory sent is
 *       reachable from it. A closure that breaks a rule stores nothing and is rejected with {@link
 *       InvalidClosureException} naming the rule (DESIGN.md §2). Sending a directory twice is
 *       allowed; it is stored once.
 *   <li>A stored directory's closure is stored too: {@link #getRecursive} never meets a dangling
 *       child.
 * </ul>
 */
public interface DirectoryService extends DirectoryLookup {

  /**
   * The directory with this digest.
   *
   * @return the directory, or empty when none is stored under this digest
   */
  @Override
  Optional<Directory> get(B3Digest digest);

  /**
   * The closure of {@code root}: breadth-first from the root, each directory once, each sent only
   * after one that refers to it. Loaded lazily: backends do not read the whole closure into memory
   * before the first element. The caller closes the stream.
   *
   * @return the closure, root first; an empty stream when the root is not stored
   */
  Stream<Directory> getRecursive(B3Digest root);

  /** Starts putting a closure; see {@link DirectoryPutter}. */
  DirectoryPutter openPut();

  /**
   * Puts one directory whose children are all stored already.
   *
   * @return its digest
   * @throws InvalidClosureException if a child is not stored or has another size
   */
  default B3Digest put(Directory directory) {
    try (DirectoryPutter putter = openPut()) {
      putter.put(directory);
      return putter.commit();
    }
  }
}
