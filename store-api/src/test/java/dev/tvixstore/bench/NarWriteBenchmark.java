package dev.tvixstore.bench;

import dev.tvixstore.castore.HashingOutputStream;
import dev.tvixstore.nix.NarWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link NarWriter} rendering a tree whose blobs are files on disk (page cache): to a discarding
 * stream, and through SHA-256, which is what calculating a NAR hash and serving a NAR do. The tree
 * is walked and BLAKE3-hashed once per trial, outside the measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NarWriteBenchmark {
  @Param({BenchInputs.FILE, BenchInputs.TREE})
  public String input;

  private FsTree tree;
  private NarWriter writer;

  @Setup
  public void setUp() throws IOException {
    tree = FsTree.of(BenchInputs.source(input));
    writer = new NarWriter(tree, tree);
  }

  @Benchmark
  public long discard() throws IOException {
    Counting out = new Counting();
    writer.write(tree.root(), out);
    return out.count;
  }

  @Benchmark
  public byte[] sha256() throws IOException {
    HashingOutputStream out = HashingOutputStream.sha256(OutputStream.nullOutputStream());
    writer.write(tree.root(), out);
    return out.sha256Digest();
  }

  /** Discards bytes but counts them, so the JIT cannot drop the writes. */
  private static final class Counting extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
