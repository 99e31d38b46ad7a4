package dev.tvixstore.web.admin.paths;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.SymlinkNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a castore directory as the file browser lists it.
 *
 * @param name the entry's name (the store path's basename for a root that is not a directory)
 * @param kind directory, file or symlink
 * @param size a file's length; a directory's castore size (entries below it); 0 for a symlink
 * @param executable whether a file is executable
 * @param target a symlink's target, else empty
 * @param digest a file's blob or a directory's digest; empty for a symlink
 */
public record TreeEntry(
    String name, Kind kind, long size, boolean executable, String target,
    Optional<B3Digest> digest) {

  /** What an entry is. */
  public enum Kind {
    DIRECTORY,
    FILE,
    SYMLINK
  }

  public TreeEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(digest, "digest");
  }

  /** The entry for {@code node}, named {@code name}. */
  static TreeEntry of(String name, Node node) {
    return switch (node) {
      case DirectoryNode d ->
          new TreeEntry(name, Kind.DIRECTORY, d.size(), false, "", Optional.of(d.digest()));
      case FileNode f ->
          new TreeEntry(name, Kind.FILE, f.size(), f.executable(), "", Optional.of(f.digest()));
      case SymlinkNode s ->
          new TreeEntry(name, Kind.SYMLINK, 0, false, s.target().asString(), Optional.empty());
    };
  }

  /** How the browser describes it: size, executable bit, or where a link points. */
  public String description() {
    return switch (kind) {
      case DIRECTORY -> "directory, " + size + (size == 1 ? " entry" : " entries") + " below";
      case FILE -> size + " bytes" + (executable ? ", executable" : "");
      case SYMLINK -> "→ " + target;
    };
  }
}
