package dev.tvixstore.castore;

import java.util.Optional;

/**
 * Finds a stored {@link Directory} by its digest: the one thing the NAR writer needs from a
 * directory service. A directory service implements it; tests use a map.
 */
@FunctionalInterface
public interface DirectoryLookup {
  /**
   * The directory whose {@link Directory#digest()} is {@code digest}, or empty if none is stored.
   * An implementation returns only a directory with exactly that digest.
   */
  Optional<Directory> get(B3Digest digest);
}
