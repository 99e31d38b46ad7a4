package dev.tvixstore.ejb.pathinfo;

import com.github.luben.zstd.Zstd;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.ejb.blob.FastCdc;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.store.NarIngester;
import dev.tvixstore.store.NarRenderer;
import dev.tvixstore.store.PreparedNar;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * NAR render throughput from the chunk store, in-process, next to {@code zstd -d -T1} over the
 * same chunk files (the decompression floor), not a unit test; {@code .ci/bench-nar} runs it:
 * {@code NarRenderBench <nar file> <work dir> <rounds>}.
 *
 * <p>Ingests the NAR into a {@code FsChunkBlobService} (chunk files under the work dir, catalog
 * and directories in an in-memory H2), concatenates the chunk files (independent zstd frames, so
 * the concatenation decodes), then runs interleaved rounds of (a) {@link NarRenderer}: prepare
 * plus rendering the whole NAR to a discarding stream, every chunk checked against its BLAKE3 as
 * always, and (b) {@code zstd -d -T1 -c} of the concatenation to {@code /dev/null}. MB/s = 10^6
 * bytes of output (NAR bytes; decompressed chunk bytes) per second, wall clock and per CPU second
 * (the process's user + system time, GC and JIT included; zstd's from bash's {@code time}).
 * Each round also reads the same chunks in Java alone, for where the time goes: zstd-jni decoding
 * only ("dec"), and decoding plus the BLAKE3 check every chunk read makes ("+b3"). Medians over
 * the rounds; ratios are taken per round.
 */
public final class NarRenderBench {
  private static final OutputStream DISCARD = OutputStream.nullOutputStream();

  private NarRenderBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: NarRenderBench <nar file> <work dir> <rounds>");
      System.exit(2);
    }
    Path nar = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int rounds = Integer.parseInt(args[2]);
    TestDatabase db = TestDatabase.h2();
    db.beforeAll(null);
    try (JpaStore store =
        JpaStore.open(db, work, FastCdc.forAverage(FastCdc.DEFAULT_AVERAGE), db.transactions())) {
      run(store, db, nar, work, rounds);
    } finally {
      db.afterAll(null);
    }
  }

  private static void run(JpaStore store, TestDatabase db, Path nar, Path work, int rounds)
      throws Exception {
    long t0 = System.nanoTime();
    NarIngester.Result ingested;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(nar), 1 << 16)) {
      ingested = new NarIngester(store.blobs(), store.directories()).ingest(in);
    }
    double ingestS = (System.nanoTime() - t0) / 1e9;
    long narSize = ingested.nar().narSize();
    List<B3Digest> chunks = chunkDigests(work);
    long chunkBytes = chunkBytes(db);
    Path concatenated = work.resolve("chunks.zst");
    long stored = 0;
    try (OutputStream out = Files.newOutputStream(concatenated)) {
      for (B3Digest c : chunks) {
        stored += Files.copy(store.chunks().pathOf(c), out);
      }
    }
    System.out.printf("NAR %.1f MB, %d chunks: %.1f MB of chunk data, %.1f MB on disk (zstd-3)%n",
        narSize / 1e6, chunks.size(), chunkBytes / 1e6, stored / 1e6);
    System.out.printf("ingest (setup, 1 thread + 1 chunk writer): %.1f s, %.0f MB/s%n%n",
        ingestS, narSize / ingestS / 1e6);

    NarRenderer renderer = new NarRenderer(store.directories(), store.blobs());
    byte[] buf = new byte[FastCdc.forAverage(FastCdc.DEFAULT_AVERAGE).maxSize()];
    List<Body> bodies = List.of(
        () -> render(renderer, ingested),
        () -> decodeOnly(store, chunks, buf),
        () -> {
          for (B3Digest c : chunks) {
            store.chunks().read(c, buf); // what every chunk read does: decode, BLAKE3 check
          }
        });
    for (Body b : bodies) {
      b.run(); // JIT warm-up, not counted
    }
    System.out.printf("%-6s %-23s %-23s %-11s %-11s %s%n", "", "render (MB/s)",
        "zstd -d -T1 (MB/s)", "render/zstd", "Java reads", "render/");
    System.out.printf("%-6s %11s %11s %11s %11s %5s %5s %5s %5s %11s%n", "round", "wall", "cpu",
        "wall", "cpu", "wall", "cpu", "dec", "+b3", "reads cpu");
    List<double[]> rows = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      double[] ours = timeCpu(narSize, bodies.get(0));
      double[] zstd = zstd(concatenated, chunkBytes);
      double[] decode = timeCpu(chunkBytes, bodies.get(1));
      double[] verified = timeCpu(chunkBytes, bodies.get(2));
      double[] row = {ours[0], ours[1], zstd[0], zstd[1], ours[0] / zstd[0], ours[1] / zstd[1],
          decode[1], verified[1], ours[1] / verified[1]};
      rows.add(row);
      print(String.valueOf(r), row);
    }
    double[] m = new double[rows.get(0).length];
    for (int i = 0; i < m.length; i++) {
      final int col = i;
      m[i] = median(rows.stream().mapToDouble(row -> row[col]).toArray());
    }
    print("median", m);
    System.out.printf("%nrender / zstd -d -T1: %.2f by wall clock, %.2f by CPU time"
        + " (target >= 0.80)%n", m[4], m[5]);
    System.out.printf("Java reads of the same chunks, CPU time: zstd-jni decoding only %.0f MB/s,"
        + " decoding + BLAKE3 check %.0f MB/s; the render is %.2f of the latter%n",
        m[6], m[7], m[8]);
    PreparedNar prepared = renderer.prepare(ingested.root());
    long start = System.nanoTime();
    prepared.requireComplete(0, prepared.size());
    System.out.printf("per render: prepare (closure, layout) %.0f ms, check that every chunk file"
        + " exists %.0f ms%n", median(PREPARE_MS.stream().mapToDouble(d -> d).toArray()),
        (System.nanoTime() - start) / 1e6);
  }

  private static void print(String label, double[] row) {
    System.out.printf("%-6s %6.0f MB/s %6.0f MB/s %6.0f MB/s %6.0f MB/s %5.2f %5.2f %5.0f %5.0f"
        + " %11.2f%n", label, row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7],
        row[8]);
  }

  /** Wall-clock milliseconds of each prepare, for the summary. */
  private static final List<Double> PREPARE_MS = new ArrayList<>();

  private static void render(NarRenderer renderer, NarIngester.Result ingested)
      throws IOException {
    long t0 = System.nanoTime();
    PreparedNar prepared = renderer.prepare(ingested.root());
    PREPARE_MS.add((System.nanoTime() - t0) / 1e6);
    prepared.writeTo(DISCARD);
  }

  private static void decodeOnly(JpaStore store, List<B3Digest> chunks, byte[] dst)
      throws IOException {
    for (B3Digest c : chunks) {
      byte[] src = Files.readAllBytes(store.chunks().pathOf(c));
      long n = Zstd.decompressByteArray(dst, 0, dst.length, src, 0, src.length);
      if (Zstd.isError(n)) {
        throw new IOException("zstd: " + Zstd.getErrorName(n));
      }
    }
  }

  /** {@code zstd -d -T1} of the file to /dev/null: MB/s by wall clock and by its CPU time. */
  private static double[] zstd(Path file, long outputBytes) throws Exception {
    Process p = new ProcessBuilder("bash", "-c",
        "TIMEFORMAT='%R %U %S'; time zstd -q -d -T1 -c \"$0\" >/dev/null", file.toString())
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IOException("zstd failed: " + out);
    }
    String[] f = out.substring(out.lastIndexOf('\n') + 1).trim().split(" ");
    double wall = Double.parseDouble(f[0]);
    double cpu = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
    return new double[] {outputBytes / wall / 1e6, outputBytes / cpu / 1e6};
  }

  private interface Body {
    void run() throws Exception;
  }

  /** MB/s by wall clock and per CPU second of this process. */
  private static double[] timeCpu(long bytes, Body body) throws Exception {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long c0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    body.run();
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - c0) / 1e9;
    return new double[] {bytes / wall / 1e6, bytes / cpu / 1e6};
  }

  private static List<B3Digest> chunkDigests(Path work) throws IOException {
    try (Stream<Path> files = Files.walk(work.resolve("chunks"))) {
      return files.filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(n -> n.length() == 64)
          .sorted()
          .map(B3Digest::fromHex)
          .toList();
    }
  }

  private static long chunkBytes(TestDatabase db) throws Exception {
    try (var c = db.dataSource().getConnection();
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT SUM(size) FROM chunk")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
