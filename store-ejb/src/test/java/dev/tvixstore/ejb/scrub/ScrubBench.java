package dev.tvixstore.ejb.scrub;

import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.ejb.blob.ChunkFileStore;
import dev.tvixstore.ejb.blob.FastCdc;
import dev.tvixstore.ejb.blob.FsChunkBlobService;
import dev.tvixstore.ejb.blob.JpaBlobCatalog;
import dev.tvixstore.ejb.persistence.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;

/**
 * A rough throughput check of the scrub, not a unit test: {@code main(dir, MiB)} stores that much
 * random data as 4 MiB blobs (default chunking, fsync off) in an in-memory H2 and a chunk store
 * under {@code dir}, then scrubs it three times (the first warms the JIT, the third is limited to 100 MiB/s), printing MB/s (10^6 B/s) of
 * chunk data verified and the load average. The chunk files are in the page cache by then: this
 * measures decompress + BLAKE3 + database paging, not the disk.
 */
public final class ScrubBench {
  private ScrubBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/scrub-bench");
    int mib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
    TestDatabase db = TestDatabase.h2();
    db.beforeAll(null);
    FastCdc cdc = FastCdc.forAverage(FastCdc.DEFAULT_AVERAGE);
    Files.createDirectories(dir);
    ChunkFileStore chunks =
        new ChunkFileStore(dir, new ChunkFileStore.Options(3, false, cdc.maxSize()));
    try (FsChunkBlobService blobs =
        FsChunkBlobService.synchronous(chunks, cdc, new JpaBlobCatalog(db.transactions()))) {
      SplittableRandom rnd = new SplittableRandom(42);
      byte[] blob = new byte[4 << 20];
      long t0 = System.nanoTime();
      for (int i = 0; i < mib / 4; i++) {
        for (int k = 0; k < blob.length; k++) {
          blob[k] = (byte) rnd.nextInt(256);
        }
        try (BlobWriter w = blobs.openWrite()) {
          w.write(blob);
          w.commit();
        }
      }
      System.out.printf("stored %d MiB in %d chunks, %.1f s; load %s%n", mib,
          db.count("chunk"), (System.nanoTime() - t0) / 1e9, load());
      ScrubRunLog log = new ScrubRunLog(db.transactions());
      Scrub scrub =
          new Scrub(db.transactions(), chunks, new Quarantine(dir, chunks), log, Clock.systemUTC());
      for (int round = 1; round <= 3; round++) {
        // The third round is limited to 100 MiB/s: it should take size / 100 MiB seconds.
        long rate = round == 3 ? 100L << 20 : 0;
        long run = log.create(rate, Clock.systemUTC().instant());
        long start = System.nanoTime();
        String state = scrub.run(run, RateLimiter.of(rate), () -> false);
        double seconds = (System.nanoTime() - start) / 1e9;
        ScrubRun r = log.run(run).orElseThrow();
        System.out.printf("round %d%s: %s, %d chunks, %d blobs, %.1f MB in %.2f s = %.0f MB/s;"
                + " load %s%n", round, round == 1 ? " (JIT warm-up)" : round == 3 ? " (limited to 100 MiB/s)" : "", state,
            r.chunksDone(), r.blobsDone(), r.chunkBytes() / 1e6, seconds,
            r.chunkBytes() / 1e6 / seconds, load());
      }
    } finally {
      db.afterAll(null);
    }
  }

  private static String load() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).strip();
  }
}
