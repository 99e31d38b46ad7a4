package dev.tvixstore.castore.directory;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;

/**
 * Receives one closure of directories, leaves first (DESIGN.md §2). Each {@link #put} is checked as
 * it arrives; {@link #commit()} checks the closure as a whole and stores it all or nothing. Closing
 * without commit stores nothing. Not thread-safe.
 */
public interface DirectoryPutter extends AutoCloseable {

  /**
   * Adds the next directory of the closure.
   *
   * @throws InvalidClosureException if a child directory was neither sent before nor is stored
   *     ({@link InvalidClosureException.Rule#DANGLING_CHILD}), or its size differs ({@link
   *     InvalidClosureException.Rule#CHILD_SIZE_MISMATCH}); the putter is then unusable
   * @throws IllegalStateException after commit or close
   */
  void put(Directory directory);

  /**
   * Stores the closure; the last directory put is its root.
   *
   * @return the root's digest
   * @throws InvalidClosureException if nothing was put ({@link
   *     InvalidClosureException.Rule#EMPTY_CLOSURE}) or a directory is not reachable from the root
   *     ({@link InvalidClosureException.Rule#UNCONNECTED})
   * @throws IllegalStateException after commit or close, or after a rejected put
   */
  B3Digest commit();

  /** Discards the closure unless it was committed. */
  @Override
  void close();
}
