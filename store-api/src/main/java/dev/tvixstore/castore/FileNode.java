package dev.tvixstore.castore;

import java.util.Objects;

/**
 * A regular file whose content is the blob {@code digest}.
 *
 * @param name the entry's name (see {@link Node} for the unnamed root)
 * @param digest the BLAKE3 digest of the whole content
 * @param size the content length in bytes, unsigned 64-bit
 * @param executable whether the file has the executable bit (NAR {@code executable})
 */
public record FileNode(PathComponent name, B3Digest digest, long size, boolean executable)
    implements Node {
  /** Requires non-null name and digest. */
  public FileNode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(digest, "digest");
  }

  @Override
  public FileNode withName(PathComponent newName) {
    return new FileNode(newName, digest, size, executable);
  }

  @Override
  public String toString() {
    return "FileNode[" + name + ", " + digest + ", size=" + Long.toUnsignedString(size)
        + (executable ? ", executable]" : "]");
  }
}
