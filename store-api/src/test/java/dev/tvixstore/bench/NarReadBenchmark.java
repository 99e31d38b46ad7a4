package dev.tvixstore.bench;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Blake3;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.HashingInputStream;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.nix.NarHandler;
import dev.tvixstore.nix.NarReader;
import dev.tvixstore.store.NarIngester;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@link NarReader} parsing a NAR file from the page cache: parse only (file contents copied out
 * and dropped), parse + BLAKE3 of each file (the least an ingestion must do), that plus SHA-256 of
 * the whole NAR (all the hashing {@link NarIngester} does), and {@link NarIngester} into the
 * in-memory services (adds the copies into heap blobs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NarReadBenchmark {
  @Param({BenchInputs.FILE_NAR, BenchInputs.TREE_NAR})
  public String input;

  private Path nar;
  private final byte[] buf = new byte[64 * 1024];

  @Setup
  public void setUp() {
    nar = BenchInputs.file(input);
  }

  @Benchmark
  public Node discard() throws IOException {
    try (InputStream in = Files.newInputStream(nar)) {
      return NarReader.read(in, new Handler(false));
    }
  }

  @Benchmark
  public Node blake3() throws IOException {
    try (InputStream in = Files.newInputStream(nar)) {
      return NarReader.read(in, new Handler(true));
    }
  }

  @Benchmark
  public byte[] blake3AndNarSha256() throws IOException {
    try (HashingInputStream in = HashingInputStream.sha256(Files.newInputStream(nar))) {
      NarReader.read(in, new Handler(true));
      return in.sha256Digest();
    }
  }

  @Benchmark
  public NarIngester.Result ingestInMemory() throws IOException {
    NarIngester ingester =
        new NarIngester(new InMemoryBlobService(), new InMemoryDirectoryService());
    try (InputStream in = Files.newInputStream(nar)) {
      return ingester.ingest(in);
    }
  }

  /**
   * Reads every file's contents through one buffer (a field, so the copies cannot be optimised
   * away), BLAKE3-hashing them or not; without hashing, every file gets the empty blob's digest.
   */
  private final class Handler implements NarHandler {
    private final boolean hash;

    Handler(boolean hash) {
      this.hash = hash;
    }

    @Override
    public B3Digest file(InputStream contents, long size, boolean executable) throws IOException {
      Blake3 h = hash ? B3Digest.newHasher() : null;
      for (int n; (n = contents.read(buf)) >= 0; ) {
        if (h != null) {
          h.update(buf, 0, n);
        }
      }
      return h != null ? B3Digest.finish(h) : B3Digest.EMPTY;
    }

    @Override
    public void directory(Directory directory) {}
  }
}
