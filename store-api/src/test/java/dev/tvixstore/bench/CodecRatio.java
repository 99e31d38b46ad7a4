package dev.tvixstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.security.NoSuchAlgorithmException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The ratios issue 3's target is about, measured so that a shared, loaded machine does not blur
 * them: in one JVM, each round runs the plain hash and the NAR codec over the same bytes back to
 * back, timed by this thread's CPU time (user + system, so page-cache reads count but waiting for a
 * core does not), and the ratio is taken per round; medians over the rounds are printed. JMH's
 * wall-clock runs, minutes apart under changing load, cannot give that. Usage: {@code CodecRatio
 * [rounds]} with the same {@code bench.dir} / {@code bench.tree} properties as the benchmarks;
 * prints {@code |}-separated lines (operation, input, median CPU-time MB/s, the hash compared with,
 * median, min and max of the per-round ratios) for {@code .ci/bench-store-api} to tabulate.
 */
public final class CodecRatio {
  private CodecRatio() {}

  /** One timed operation; returns something derived from its result, so it is not dropped. */
  private interface Op {
    Object run() throws IOException, NoSuchAlgorithmException;
  }

  /** Entry point: prints a header and one line per input and operation. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    System.out.println("operation|input|CPU MB/s|vs|median|min|max");
    for (String[] in : new String[][] {
        {"file", BenchInputs.FILE, BenchInputs.FILE, BenchInputs.FILE_NAR},
        {"jdk", BenchInputs.TREE_NAR, BenchInputs.TREE, BenchInputs.TREE_NAR}}) {
      HashBenchmark hash = new HashBenchmark();
      hash.input = in[1];
      hash.setUp();
      NarWriteBenchmark write = new NarWriteBenchmark();
      write.input = in[2];
      write.setUp();
      NarReadBenchmark read = new NarReadBenchmark();
      read.input = in[3];
      read.setUp();
      long hashBytes = Files.size(BenchInputs.file(in[1]));
      long narBytes = Files.size(BenchInputs.file(in[3]));

      String[] names = {"SHA-256 (JDK)", "NAR write + SHA-256", "NAR write, discard",
          "NAR read, discard", "BLAKE3 (BouncyCastle)", "NAR read + BLAKE3/file"};
      Op[] ops = {hash::sha256, write::sha256, write::discard, read::discard, hash::blake3,
          read::blake3};
      long[] bytes = {hashBytes, narBytes, narBytes, narBytes, hashBytes, narBytes};
      // Which operation each one is compared with: the hash it adds the codec to.
      int[] base = {-1, 0, 0, 0, -1, 4};
      for (int w = 0; w < 3; w++) {
        for (Op op : ops) {
          op.run();
        }
      }
      double[][] mbps = new double[ops.length][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < ops.length; i++) {
          long t0 = cpu.getCurrentThreadCpuTime();
          Object result = ops[i].run();
          long t = cpu.getCurrentThreadCpuTime() - t0;
          if (result == null) {
            throw new IllegalStateException(names[i] + " returned nothing");
          }
          mbps[i][r] = bytes[i] / (t / 1e9) / 1e6;
        }
      }
      for (int i = 0; i < ops.length; i++) {
        String vs = "";
        String ratio = "";
        if (base[i] >= 0) {
          double[] q = new double[rounds];
          for (int r = 0; r < rounds; r++) {
            q[r] = mbps[i][r] / mbps[base[i]][r];
          }
          Arrays.sort(q);
          vs = base[i] == 0 ? "SHA-256" : "BLAKE3";
          ratio = String.format(Locale.ROOT, "%.2f|%.2f|%.2f", q[rounds / 2], q[0],
              q[rounds - 1]);
        } else {
          ratio = "||";
        }
        System.out.printf(Locale.ROOT, "%s|%s|%.0f|%s|%s%n",
            names[i], in[0], median(mbps[i]), vs, ratio);
      }
      System.out.flush();
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
