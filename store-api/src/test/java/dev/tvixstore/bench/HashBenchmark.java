package dev.tvixstore.bench;

import dev.tvixstore.castore.B3Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * BLAKE3 (BouncyCastle, as {@link B3Digest}) and SHA-256 (JDK) over a whole file read from the page
 * cache in 64 KiB pieces: the same work {@code b3sum} and {@code sha256sum} do on that file, and the
 * baseline the NAR benchmarks are compared with.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HashBenchmark {
  @Param({BenchInputs.FILE, BenchInputs.TREE_NAR})
  public String input;

  private Path path;
  private final byte[] buf = new byte[64 * 1024];

  @Setup
  public void setUp() {
    path = BenchInputs.file(input);
  }

  @Benchmark
  public byte[] blake3() throws IOException {
    Blake3Digest h = B3Digest.newHasher();
    try (InputStream in = Files.newInputStream(path)) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        h.update(buf, 0, n);
      }
    }
    return B3Digest.finish(h).toBytes();
  }

  @Benchmark
  public byte[] sha256() throws IOException, NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(path)) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        md.update(buf, 0, n);
      }
    }
    return md.digest();
  }
}
