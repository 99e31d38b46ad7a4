package dev.tvixstore.castore;

import java.util.Objects;

/**
 * A symbolic link.
 *
 * @param name the entry's name (see {@link Node} for the unnamed root)
 * @param target where it points; stored, never followed
 */
public record SymlinkNode(PathComponent name, SymlinkTarget target) implements Node {
  /** Requires non-null name and target. */
  public SymlinkNode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(target, "target");
  }

  @Override
  public SymlinkNode withName(PathComponent newName) {
    return new SymlinkNode(newName, target);
  }
}
