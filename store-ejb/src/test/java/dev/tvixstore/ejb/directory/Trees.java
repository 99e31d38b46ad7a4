package dev.tvixstore.ejb.directory;

import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryBuilder;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.SymlinkNode;
import dev.tvixstore.castore.SymlinkTarget;
import dev.tvixstore.testing.DirectoryFixtures;
import java.util.List;

/** Small directory trees for the tests of this package. */
final class Trees {
  private Trees() {}

  /** A directory without subdirectories, made distinct by a symlink named {@code name}. */
  static Directory leaf(String name) {
    return Directory.builder()
        .add(new SymlinkNode(PathComponent.of(name), SymlinkTarget.of("target")))
        .build();
  }

  /** A directory holding {@code children} as "c0", "c1", ... and a symlink named {@code name}. */
  static Directory parent(String name, List<Directory> children) {
    DirectoryBuilder b = Directory.builder();
    b.add(new SymlinkNode(PathComponent.of(name), SymlinkTarget.of("target")));
    for (int i = 0; i < children.size(); i++) {
      b.add(DirectoryFixtures.child("c" + i, children.get(i)));
    }
    return b.build();
  }
}
