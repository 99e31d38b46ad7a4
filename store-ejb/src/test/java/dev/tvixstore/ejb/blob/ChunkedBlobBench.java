package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Blake3;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A rough throughput check of the write and read paths, not a unit test: {@code main(dir, MiB)}
 * ingests random data in 1 MiB writes (synchronous and pipelined, fsync on and off) and reads it
 * back, printing MB/s (10^6 B/s). The data is generated up front so the generator is not timed.
 */
public final class ChunkedBlobBench {
  private ChunkedBlobBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
    int mib = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    byte[] data = new byte[mib << 20];
    SplittableRandom rnd = new SplittableRandom(42);
    for (int i = 0; i + 8 <= data.length; i += 8) {
      long v = rnd.nextLong();
      for (int k = 0; k < 8; k++) {
        data[i + k] = (byte) (v >>> (8 * k));
      }
    }
    FastCdc cdc = FastCdc.forAverage(FastCdc.DEFAULT_AVERAGE);
    System.out.printf(
        "data %d MiB, %s, %d cpus%n", mib, cdc, Runtime.getRuntime().availableProcessors());
    for (int round = 1; round <= 2; round++) {
      System.out.printf("round %d%s%n", round, round == 1 ? " (JIT warm-up)" : "");
      run(dir, data, cdc);
    }
  }

  private static void run(Path dir, byte[] data, FastCdc cdc) throws Exception {
    time("BLAKE3 alone", data.length, () -> {
      Blake3 h = B3Digest.newHasher();
      for (int off = 0; off < data.length; off += 1 << 20) {
        h.update(data, off, Math.min(1 << 20, data.length - off));
      }
      B3Digest.finish(h);
    });
    time("FastCDC alone", data.length, () -> {
      StreamingChunker c = new StreamingChunker(cdc, (b, o, l) -> { });
      for (int off = 0; off < data.length; off += 1 << 20) {
        c.update(data, off, Math.min(1 << 20, data.length - off));
      }
      c.finish();
    });
    ExecutorService background = Executors.newSingleThreadExecutor();
    try {
      for (boolean fsync : new boolean[] {true, false}) {
        for (boolean pipelined : new boolean[] {false, true}) {
          clean(dir);
          ChunkFileStore.Options options = new ChunkFileStore.Options(3, fsync, cdc.maxSize());
          try (ChunkFileStore store = new ChunkFileStore(dir, options)) {
            InMemoryChunkIndex index = new InMemoryChunkIndex();
            FsChunkBlobService service =
                pipelined
                    ? FsChunkBlobService.pipelined(store, cdc, index, background)
                    : FsChunkBlobService.synchronous(store, cdc, index);
            B3Digest[] digest = new B3Digest[1];
            String label =
                (pipelined ? "ingest pipelined" : "ingest 1 thread") + " fsync=" + fsync;
            time(label, data.length, () -> {
              try (BlobWriter w = service.openWrite()) {
                for (int off = 0; off < data.length; off += 1 << 20) {
                  w.write(data, off, Math.min(1 << 20, data.length - off));
                }
                digest[0] = w.commit();
              }
            });
            if (!fsync && !pipelined) {
              byte[] buf = new byte[1 << 20];
              for (int rep = 0; rep < 2; rep++) {
                time("read (page cache) rep " + rep, data.length, () -> {
                  try (BlobReader r = service.openRead(digest[0]).orElseThrow()) {
                    while (r.read(buf) >= 0) {
                      // drain
                    }
                  }
                });
              }
            }
          }
        }
      }
    } finally {
      background.shutdownNow();
      clean(dir);
    }
  }

  private interface Body {
    void run() throws Exception;
  }

  /** Wall-clock MB/s, and MB per CPU-second of the whole process (less sensitive to load). */
  private static void time(String label, long bytes, Body body) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long c0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    body.run();
    double s = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - c0) / 1e9;
    System.out.printf(
        "%-34s %8.1f MB/s wall  %8.1f MB/cpu-s  (%.2f s, cpu %.2f s)%n",
        label, bytes / s / 1e6, bytes / cpu / 1e6, s, cpu);
  }

  private static void clean(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
