package dev.tvixstore.testing;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.SymlinkNode;
import dev.tvixstore.castore.SymlinkTarget;

/**
 * Directories shared by the contract suites, shaped like tvix's castore fixtures: A is empty, B
 * holds A, C holds A twice, D holds A and B (so A is reached on two paths), and WITH_FILES has a
 * file, an executable and a symlink.
 */
public final class DirectoryFixtures {
  /** The empty directory (digest = {@link B3Digest#EMPTY}). */
  public static final Directory A = Directory.EMPTY;

  /** One child directory "keep" -> A. */
  public static final Directory B = Directory.builder().add(child("keep", A)).build();

  /** Two child directories "a" and "a'", both -> A. */
  public static final Directory C =
      Directory.builder().add(child("a", A)).add(child("a'", A)).build();

  /** Child "a" -> A and "b" -> B. */
  public static final Directory D = Directory.builder().add(child("a", A)).add(child("b", B)).build();

  /** A file, an executable and a symlink, no child directories. */
  public static final Directory WITH_FILES =
      Directory.builder()
          .add(new FileNode(PathComponent.of("hello.txt"), B3Digest.hash(BlobFixtures.SMALL),
              BlobFixtures.SMALL.length, false))
          .add(new FileNode(PathComponent.of("run"), B3Digest.hash(BlobFixtures.ONE_BYTE), 1, true))
          .add(new SymlinkNode(PathComponent.of("link"), SymlinkTarget.of("hello.txt")))
          .build();

  private DirectoryFixtures() {}

  /** A child node named {@code name} pointing at {@code target} with its size. */
  public static DirectoryNode child(String name, Directory target) {
    return DirectoryNode.of(PathComponent.of(name), target);
  }
}
