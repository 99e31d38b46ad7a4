package dev.tvixstore.store;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.SymlinkNode;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.store.InvalidPathInfoException.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks that a root node's directories and blobs are all stored before its PathInfo is (tvix does
 * not check this; we do, so a stored path can always be served). Walks the closure once, lazily.
 */
public final class ContentCheck {
  private static final int MAX_REPORTED = 5;

  private final DirectoryService directories;
  private final BlobService blobs;

  /** A check against these two services. */
  public ContentCheck(DirectoryService directories, BlobService blobs) {
    this.directories = directories;
    this.blobs = blobs;
  }

  /**
   * Passes when everything {@code root} needs is stored.
   *
   * @throws InvalidPathInfoException {@link Rule#CONTENT_MISSING}, naming up to five missing
   *     directories or blobs
   */
  public void requireStored(Node root) {
    List<String> missing = new ArrayList<>();
    switch (root) {
      case FileNode f -> checkBlob(f, missing);
      case SymlinkNode s -> { }
      case DirectoryNode d -> checkTree(d, missing);
    }
    if (!missing.isEmpty()) {
      throw new InvalidPathInfoException(Rule.CONTENT_MISSING,
          "not stored: " + String.join(", ", missing)
              + (missing.size() >= MAX_REPORTED ? ", ..." : ""));
    }
  }

  private void checkTree(DirectoryNode root, List<String> missing) {
    try (Stream<Directory> closure = directories.getRecursive(root.digest())) {
      var it = closure.iterator();
      // The closure starts with the root itself (empty when it is not stored): one lookup serves
      // both the root's presence and its size.
      Directory first = it.hasNext() ? it.next() : null;
      if (first == null || first.size() != root.size()) {
        missing.add(
            "directory " + root.digest() + " (size " + Long.toUnsignedString(root.size()) + ")");
        return;
      }
      checkFiles(first, missing);
      while (it.hasNext() && missing.size() < MAX_REPORTED) {
        checkFiles(it.next(), missing);
      }
    }
  }

  private void checkFiles(Directory directory, List<String> missing) {
    for (FileNode f : directory.files()) {
      if (missing.size() >= MAX_REPORTED) {
        return;
      }
      checkBlob(f, missing);
    }
  }

  private void checkBlob(FileNode file, List<String> missing) {
    B3Digest digest = file.digest();
    if (file.size() == 0 && digest.equals(B3Digest.EMPTY)) {
      return;
    }
    var stat = blobs.stat(digest, false);
    if (stat.isEmpty()) {
      missing.add("blob " + digest + " of file " + file.name());
    } else if (stat.get().size() != file.size()) {
      missing.add("blob " + digest + " of file " + file.name() + " with size " + file.size()
          + " (stored blob has " + stat.get().size() + " bytes)");
    }
  }
}
