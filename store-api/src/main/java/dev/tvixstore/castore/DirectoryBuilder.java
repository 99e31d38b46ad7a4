package dev.tvixstore.castore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects child nodes in any order and builds a {@link Directory} with each list sorted. Duplicate
 * and empty names are still rejected by {@link #build()}. Not thread-safe; reusable after build.
 */
public final class DirectoryBuilder {
  private final List<DirectoryNode> directories = new ArrayList<>();
  private final List<FileNode> files = new ArrayList<>();
  private final List<SymlinkNode> symlinks = new ArrayList<>();

  DirectoryBuilder() {}

  /** Adds one child; returns this builder. */
  public DirectoryBuilder add(Node node) {
    switch (node) {
      case DirectoryNode d -> directories.add(d);
      case FileNode f -> files.add(f);
      case SymlinkNode s -> symlinks.add(s);
    }
    return this;
  }

  /**
   * The directory of all added children, each list sorted by name.
   *
   * @throws InvalidDirectoryException as {@link Directory#of}, except never for order
   */
  public Directory build() {
    Comparator<Node> byName = Comparator.comparing(Node::name);
    directories.sort(byName);
    files.sort(byName);
    symlinks.sort(byName);
    return Directory.of(directories, files, symlinks);
  }
}
