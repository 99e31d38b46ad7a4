package dev.tvixstore.ejb.pathinfo;

import java.io.Serializable;

/**
 * The closure of a stored path: itself and everything it references, transitively.
 *
 * @param paths stored paths in it, the path itself included
 * @param narBytes the sum of their NAR sizes
 * @param missing references to paths that are not stored (a broken closure when above 0)
 */
public record PathClosure(long paths, long narBytes, long missing) implements Serializable {

  public PathClosure {
    if (paths < 0 || narBytes < 0 || missing < 0) {
      throw new IllegalArgumentException("closure figures cannot be negative");
    }
  }
}
