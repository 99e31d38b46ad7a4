package dev.tvixstore.castore;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/** Random castore trees for property tests; every piece is put into a {@link MapCastore}. */
public final class RandomTrees {
  private static final byte[] ALPHABET =
      "abcAB-._~z0\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

  private final Random random;
  private final MapCastore store;

  /** A generator drawing from {@code random}, storing into {@code store}. */
  public RandomTrees(Random random, MapCastore store) {
    this.random = random;
    this.store = store;
  }

  /** A random root node (unnamed): a directory most of the time, else a file or symlink. */
  public Node root(int maxDepth) {
    int kind = random.nextInt(10);
    if (kind == 0) {
      return file(PathComponent.EMPTY);
    }
    if (kind == 1) {
      return new SymlinkNode(PathComponent.EMPTY, target());
    }
    return directory(PathComponent.EMPTY, maxDepth);
  }

  private DirectoryNode directory(PathComponent name, int depthLeft) {
    DirectoryBuilder b = Directory.builder();
    int entries = random.nextInt(6);
    Set<PathComponent> used = new HashSet<>();
    for (int i = 0; i < entries; i++) {
      PathComponent child = name(used);
      int kind = random.nextInt(depthLeft > 1 ? 3 : 2);
      b.add(switch (kind) {
        case 0 -> file(child);
        case 1 -> new SymlinkNode(child, target());
        default -> directory(child, depthLeft - 1);
      });
    }
    return store.putDirectory(name, b.build());
  }

  private FileNode file(PathComponent name) {
    // Mostly small, sometimes empty, rarely past one 64 KiB buffer.
    int size = switch (random.nextInt(60)) {
      case 0 -> 0;
      case 1 -> 65_536 + random.nextInt(300);
      default -> random.nextInt(40);
    };
    byte[] data = new byte[size];
    random.nextBytes(data);
    B3Digest d = store.putBlob(data);
    return new FileNode(name, d, size, random.nextBoolean());
  }

  private SymlinkTarget target() {
    byte[] t = new byte[1 + random.nextInt(20)];
    for (int i = 0; i < t.length; i++) {
      t[i] = random.nextInt(4) == 0 ? (byte) '/' : ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return SymlinkTarget.of(t);
  }

  private PathComponent name(Set<PathComponent> used) {
    while (true) {
      byte[] n = new byte[1 + random.nextInt(9)];
      for (int i = 0; i < n.length; i++) {
        n[i] = ALPHABET[random.nextInt(ALPHABET.length)];
      }
      String s = new String(n, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (!s.equals(".") && !s.equals("..") && used.add(PathComponent.of(n))) {
        return PathComponent.of(n);
      }
    }
  }
}
