package dev.tvixstore.ejb.gc;

import dev.tvixstore.error.StoreException;
import java.util.List;

/**
 * A path cannot be deleted: live paths reference it, or it (or a referrer) is pinned (HTTP 409).
 * Names the paths in the way.
 */
public final class GcConflictException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** Paths named in the message; at most this many. */
  static final int MAX_NAMED = 50;

  private final List<String> paths;

  public GcConflictException(String reason, List<String> paths) {
    super(reason + ": " + String.join(" ", paths.subList(0, Math.min(MAX_NAMED, paths.size())))
        + (paths.size() > MAX_NAMED ? " ..." : ""));
    this.paths = List.copyOf(paths);
  }

  /** The store path basenames in the way (referrers, or pinned paths). */
  public List<String> paths() {
    return paths;
  }
}
