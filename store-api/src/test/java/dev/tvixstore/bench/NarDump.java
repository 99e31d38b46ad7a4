package dev.tvixstore.bench;

import dev.tvixstore.nix.NarWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the NAR of a file or directory on disk, as {@code nix-store --dump} would (which this
 * machine lacks): {@code NarDump <path> <out.nar>}. Makes the NAR-read benchmarks' inputs.
 */
public final class NarDump {
  private NarDump() {}

  /** Entry point; prints the NAR size in bytes. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: NarDump <file-or-directory> <out.nar>");
      System.exit(2);
    }
    FsTree tree = FsTree.of(Path.of(args[0]));
    Path out = Path.of(args[1]);
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
      new NarWriter(tree, tree).write(tree.root(), os);
    }
    System.out.println(Files.size(out));
  }
}
