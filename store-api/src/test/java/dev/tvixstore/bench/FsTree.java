package dev.tvixstore.bench;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Blake3;
import dev.tvixstore.castore.BlobOpener;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryBuilder;
import dev.tvixstore.castore.DirectoryLookup;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.SymlinkNode;
import dev.tvixstore.castore.SymlinkTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A file or directory on disk taken as a castore tree, with its blobs left on disk: the directories
 * are held in a map, each blob digest maps to a file with that content. This lets the NAR writer
 * render a real tree, or a 256 MiB file, without holding any file content in the heap.
 *
 * @param root the unnamed root node
 * @param directories every directory of the tree by digest
 * @param blobs a file with each blob's content, by digest
 */
record FsTree(Node root, Map<B3Digest, Directory> directories, Map<B3Digest, Path> blobs)
    implements DirectoryLookup, BlobOpener {

  /** Walks {@code path} (not following symlinks), hashing every file with BLAKE3. */
  static FsTree of(Path path) throws IOException {
    Map<B3Digest, Directory> dirs = new HashMap<>();
    Map<B3Digest, Path> blobs = new HashMap<>();
    Node root = node(path, PathComponent.EMPTY, dirs, blobs);
    return new FsTree(root, Map.copyOf(dirs), Map.copyOf(blobs));
  }

  @Override
  public Optional<Directory> get(B3Digest digest) {
    return Optional.ofNullable(directories.get(digest));
  }

  @Override
  public Optional<InputStream> open(B3Digest digest) {
    Path p = blobs.get(digest);
    if (p == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.newInputStream(p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Node node(Path p, PathComponent name, Map<B3Digest, Directory> dirs,
      Map<B3Digest, Path> blobs) throws IOException {
    if (Files.isSymbolicLink(p)) {
      String target = Files.readSymbolicLink(p).toString();
      return new SymlinkNode(name, SymlinkTarget.of(target.getBytes(StandardCharsets.UTF_8)));
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      DirectoryBuilder b = Directory.builder();
      List<Path> children;
      try (Stream<Path> s = Files.list(p)) {
        children = s.toList();
      }
      for (Path c : children) {
        String n = c.getFileName().toString();
        b.add(node(c, PathComponent.of(n.getBytes(StandardCharsets.UTF_8)), dirs, blobs));
      }
      Directory dir = b.build();
      dirs.put(dir.digest(), dir);
      return DirectoryNode.of(name, dir);
    }
    B3Digest digest = blake3(p);
    blobs.putIfAbsent(digest, p);
    // Nix marks a file executable if its owner may execute it.
    boolean exec = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)
        .contains(PosixFilePermission.OWNER_EXECUTE);
    return new FileNode(name, digest, Files.size(p), exec);
  }

  private static B3Digest blake3(Path p) throws IOException {
    Blake3 h = B3Digest.newHasher();
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(p)) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        h.update(buf, 0, n);
      }
    }
    return B3Digest.finish(h);
  }
}
