package dev.tvixstore.castore;

/**
 * One named entry of the castore graph: a directory, a regular file or a symlink (the {@code Node}
 * message of castore.proto). Immutable.
 *
 * <p>Names: every node carries a {@link PathComponent}, which is always a valid name except for
 * {@link PathComponent#EMPTY}. A node used as a child entry of a {@link Directory} must have a
 * non-empty name ({@link Directory} checks this); a root node may be unnamed, and whether its name
 * suits its context (a store path basename in a PathInfo) is checked by the caller. Sizes are
 * unsigned 64-bit values held in a {@code long}.
 */
public sealed interface Node permits DirectoryNode, FileNode, SymlinkNode {
  /** The entry's name; {@link PathComponent#EMPTY} only for an unnamed root. */
  PathComponent name();

  /** The same node under another name (for example to name a root after its store path). */
  Node withName(PathComponent name);
}
