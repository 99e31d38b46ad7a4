package dev.tvixstore.bench;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Blake3;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
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
 * BLAKE3 (the store's {@link Blake3}, as {@link B3Digest} gives it, and BouncyCastle's {@code
 * Blake3Digest}, which it replaced) and SHA-256 (JDK) over a whole file read from the page cache in
 * 64 KiB pieces: the same work {@code b3sum} and {@code sha256sum} do on that file, and the
 * baseline the NAR benchmarks are compared with. {@link Sizes} compares the two BLAKE3s on inputs
 * in memory, from 64 bytes to 16 MiB.
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
    Blake3 h = B3Digest.newHasher();
    try (InputStream in = Files.newInputStream(path)) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        h.update(buf, 0, n);
      }
    }
    return B3Digest.finish(h).toBytes();
  }

  @Benchmark
  public byte[] blake3BouncyCastle() throws IOException {
    Blake3Digest h = new Blake3Digest(256);
    try (InputStream in = Files.newInputStream(path)) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        h.update(buf, 0, n);
      }
    }
    byte[] out = new byte[32];
    h.doFinal(out, 0);
    return out;
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

  /**
   * {@link Blake3} next to BouncyCastle on one input in memory, hashed whole (one {@code update},
   * one digest, one reset of a reused hasher), from 64 bytes (one block: per-hash overhead) to 16
   * MiB (throughput). Needs no bench directory: {@code HashBenchmark.Sizes} runs on its own.
   */
  @State(Scope.Thread)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public static class Sizes {
    @Param({"64", "1024", "4096", "262144", "16777216"})
    public int size;

    private byte[] data;
    private final Blake3 blake3 = new Blake3();
    private final Blake3Digest bouncyCastle = new Blake3Digest(256);
    private final byte[] out = new byte[32];

    @Setup
    public void setUp() {
      data = new byte[size];
      new SplittableRandom(size).nextBytes(data);
    }

    @Benchmark
    public B3Digest blake3() {
      return B3Digest.finish(blake3.update(data, 0, data.length));
    }

    @Benchmark
    public byte[] bouncyCastle() {
      bouncyCastle.update(data, 0, data.length);
      bouncyCastle.doFinal(out, 0);
      return out;
    }
  }
}
