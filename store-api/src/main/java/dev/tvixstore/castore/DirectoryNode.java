package dev.tvixstore.castore;

import java.util.Objects;

/**
 * A reference to a {@link Directory} by digest.
 *
 * @param name the entry's name (see {@link Node} for the unnamed root)
 * @param digest the BLAKE3 digest of the referenced Directory's canonical encoding
 * @param size the referenced Directory's {@link Directory#size()}, unsigned 64-bit
 */
public record DirectoryNode(PathComponent name, B3Digest digest, long size) implements Node {
  /** Requires non-null name and digest; any size is representable. */
  public DirectoryNode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(digest, "digest");
  }

  /** The node that refers to {@code directory} under {@code name}. */
  public static DirectoryNode of(PathComponent name, Directory directory) {
    return new DirectoryNode(name, directory.digest(), directory.size());
  }

  @Override
  public DirectoryNode withName(PathComponent newName) {
    return new DirectoryNode(newName, digest, size);
  }

  @Override
  public String toString() {
    return "DirectoryNode[" + name + ", " + digest + ", size=" + Long.toUnsignedString(size) + "]";
  }
}
