package dev.tvixstore.web.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;

/**
 * Store paths of every kind the binary cache must carry, made in the real {@code /nix/store} by
 * real Nix from content unique to a tag (so that no earlier run has uploaded them): a tree with
 * executables, symlinks, empty files and directories and a multi-chunk file; a large file; a text
 * file referring to both ({@code builtins.toFile}); and the output of a {@code /bin/sh} derivation
 * referring to the text file ({@code nix-build}: input-addressed, so Nix accepts it only with a
 * trusted signature).
 *
 * @param tree the tree
 * @param large the large file
 * @param text the text file
 * @param built the derivation output, whose closure is all four
 */
record NixPaths(String tree, String large, String text, String built) {

  /** All four, closure order (dependencies first). */
  List<String> all() {
    return List.of(tree, large, text, built);
  }

  /** Makes the paths for {@code tag} under {@code work}. */
  static NixPaths make(Nix nix, Path work, String tag, int largeBytes)
      throws IOException, InterruptedException {
    Random random = new Random(tag.hashCode());
    Path tree = work.resolve(tag + "-tree");
    Files.createDirectories(tree.resolve("bin"));
    Files.createDirectories(tree.resolve("a/b/c"));
    Files.createDirectories(tree.resolve("empty-dir"));
    Files.createDirectories(tree.resolve("lib"));
    Path tool = tree.resolve("bin/tool");
    Files.writeString(tool, "#!/bin/sh\necho " + tag + "\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(tree.resolve("a/b/c/deep.txt"), "deep " + tag + "\n");
    Files.write(tree.resolve("empty"), new byte[0]);
    write(tree.resolve("lib/data.bin"), random, 3 << 20);
    Files.createSymbolicLink(tree.resolve("bin/tool-link"), Path.of("tool"));
    Files.createSymbolicLink(tree.resolve("data-link"), Path.of("lib/data.bin"));
    // Absolute, into the test's own directory (JUnit warns about links leading out of it).
    Files.createSymbolicLink(
        tree.resolve("absolute-link"), tree.resolve("a/b/c/deep.txt").toAbsolutePath());
    String treePath = nix.ok("nix-store", "--add", tree.toString());

    Path large = work.resolve(tag + "-large.bin");
    write(large, random, largeBytes);
    String largePath = nix.ok("nix-store", "--add", large.toString());

    String text =
        nix.ok(
            "nix-instantiate",
            "--read-write-mode",
            "--eval",
            "--expr",
            "builtins.toFile \""
                + tag
                + "-refs.txt\" \"tree ${builtins.storePath \""
                + treePath
                + "\"} and ${builtins.storePath \""
                + largePath
                + "\"}\\n\"");
    String textPath = text.replace("\"", "");

    String built =
        nix.ok(
            "nix-build",
            "--no-out-link",
            "-E",
            "derivation { name = \""
                + tag
                + "-built\"; system = builtins.currentSystem;"
                + " builder = \"/bin/sh\"; args = [ \"-c\" \"echo "
                + tag
                + " > $out;"
                + " echo ${builtins.storePath \""
                + textPath
                + "\"} >> $out\" ]; }");
    return new NixPaths(treePath, largePath, textPath, built);
  }

  private static void write(Path file, Random random, int size) throws IOException {
    byte[] buffer = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int left = size; left > 0; left -= buffer.length) {
        random.nextBytes(buffer);
        out.write(buffer, 0, Math.min(left, buffer.length));
      }
    }
  }

  /**
   * Best effort: removes the paths from the machine's store again (the test made them), with the
   * derivation, which otherwise keeps the text file alive.
   */
  void delete(Nix nix) throws IOException, InterruptedException {
    String drv = nix.run("nix-store", "--query", "--deriver", built).out();
    nix.run("nix-store", "--delete", drv, built, text, tree, large);
  }
}
