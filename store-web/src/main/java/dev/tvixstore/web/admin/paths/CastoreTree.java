package dev.tvixstore.web.admin.paths;

import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lists a store path's castore tree one directory at a time, reading only the directories on the
 * way down (one {@code get} each), never the whole closure.
 */
final class CastoreTree {
  private final DirectoryService directories;

  CastoreTree(DirectoryService directories) {
    this.directories = Objects.requireNonNull(directories, "directories");
  }

  /**
   * The entries of the directory at {@code path} below {@code root}, by name as in the NAR; a
   * root that is not a directory lists itself, named {@code rootName}.
   *
   * @throws InvalidRequestException if a step of {@code path} is not a directory there
   * @throws NotFoundException if a directory on the way is not stored
   */
  List<TreeEntry> list(Node root, String rootName, List<String> path) {
    if (!(root instanceof DirectoryNode dir)) {
      if (!path.isEmpty()) {
        throw new InvalidRequestException(rootName + " is not a directory");
      }
      return List.of(TreeEntry.of(rootName, root));
    }
    Directory current = get(dir);
    for (String step : path) {
      DirectoryNode next = current.directories().stream()
          .filter(d -> d.name().asString().equals(step))
          .findFirst()
          .orElseThrow(() -> new InvalidRequestException(
              "no directory '" + step + "' in " + String.join("/", path)));
      current = get(next);
    }
    List<TreeEntry> out = new ArrayList<>();
    for (Node n : current.entries()) {
      out.add(TreeEntry.of(n.name().asString(), n));
    }
    return out;
  }

  private Directory get(DirectoryNode node) {
    return directories.get(node.digest()).orElseThrow(() -> new NotFoundException(
        "directory " + node.digest().toHex() + " (" + node.name().asString() + ") is not stored"));
  }
}
