package dev.tvixstore.ejb.stats;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * What the store held at one moment, in rows and bytes, for the console's dashboard and plot.
 *
 * @param sampledAt when it was measured
 * @param paths stored PathInfos
 * @param directories stored directories
 * @param blobs stored blobs
 * @param chunks stored chunks
 * @param narBytes logical size: the sum of the stored paths' NAR sizes
 * @param blobBytes the sum of the unique blobs' sizes
 * @param chunkBytes the sum of the unique chunks' sizes (uncompressed)
 * @param storedBytes the sum of the chunk files' sizes on disk (compressed)
 * @param narsServed NAR downloads in the interval this sample closes (0 when unknown)
 */
public record StatsSample(
    Instant sampledAt,
    long paths,
    long directories,
    long blobs,
    long chunks,
    long narBytes,
    long blobBytes,
    long chunkBytes,
    long storedBytes,
    long narsServed)
    implements Serializable {

  public StatsSample {
    Objects.requireNonNull(sampledAt, "sampledAt");
    if ((paths | directories | blobs | chunks | narBytes | blobBytes | chunkBytes | storedBytes
            | narsServed)
        < 0) {
      throw new IllegalArgumentException("sample values cannot be negative");
    }
  }

  /**
   * How much deduplication saves: logical NAR bytes per unique chunk byte (1.0 = none; 0 when the
   * store is empty). NAR framing is counted as logical, so a store of one small file is a little
   * above 1.
   */
  public double dedupRatio() {
    return chunkBytes == 0 ? 0 : (double) narBytes / chunkBytes;
  }

  /** How much compression saves: unique chunk bytes per byte on disk (0 when empty). */
  public double compressionRatio() {
    return storedBytes == 0 ? 0 : (double) chunkBytes / storedBytes;
  }

  /** This sample with another download count. */
  public StatsSample withNarsServed(long served) {
    return new StatsSample(sampledAt, paths, directories, blobs, chunks, narBytes, blobBytes,
        chunkBytes, storedBytes, served);
  }
}
