package dev.tvixstore.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the benchmark inputs are: the directory named by the system property {@code bench.dir}
 * (made by {@code .ci/bench-store-api}) and the tree named by {@code bench.tree}. The benchmarks
 * take an input name as their JMH parameter and resolve it here.
 */
final class BenchInputs {
  /** The 256 MiB random file. */
  static final String FILE = "file.bin";
  /** The NAR of {@link #FILE}. */
  static final String FILE_NAR = "file.nar";
  /** The NAR of the JDK tree. */
  static final String TREE_NAR = "jdk.nar";
  /** The write benchmarks' name for the tree itself. */
  static final String TREE = "jdk";

  private BenchInputs() {}

  /** The input file {@code name} in the bench directory, which must exist. */
  static Path file(String name) {
    Path p = dir().resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException(p + " is missing: run .ci/bench-store-api, which makes it");
    }
    return p;
  }

  /** The file or tree whose NAR the write benchmark for {@code name} renders. */
  static Path source(String name) {
    if (name.equals(TREE)) {
      Path tree = Path.of(required("bench.tree"));
      if (!Files.isDirectory(tree)) {
        throw new IllegalStateException("bench.tree " + tree + " is not a directory");
      }
      return tree;
    }
    return file(name);
  }

  private static Path dir() {
    return Path.of(required("bench.dir"));
  }

  private static String required(String property) {
    String v = System.getProperty(property);
    if (v == null || v.isEmpty()) {
      throw new IllegalStateException(
          "system property " + property + " is not set: run .ci/bench-store-api");
    }
    return v;
  }
}
