package dev.tvixstore.ejb.gc;

import java.io.Serializable;

/**
 * What a GC run freed, or would free in a dry run.
 *
 * @param directories directory rows
 * @param blobs blob rows
 * @param chunks chunk rows (their files with them)
 * @param chunkBytes the chunk files' size on disk
 * @param orphanFiles chunk files that had no row (left by crashed writers or runs)
 * @param orphanBytes their size
 * @param uploads nar_upload rows whose narinfo never came
 */
public record GcFreed(
    long directories,
    long blobs,
    long chunks,
    long chunkBytes,
    long orphanFiles,
    long orphanBytes,
    long uploads)
    implements Serializable {

  /** Nothing freed. */
  public static final GcFreed NONE = new GcFreed(0, 0, 0, 0, 0, 0, 0);

  public GcFreed {
    if (directories < 0 || blobs < 0 || chunks < 0 || chunkBytes < 0 || orphanFiles < 0
        || orphanBytes < 0 || uploads < 0) {
      throw new IllegalArgumentException("freed counts cannot be negative");
    }
  }

  /** Bytes of chunk files freed, with or without rows. */
  public long bytes() {
    return chunkBytes + orphanBytes;
  }

  GcFreed withDirectories(long n) {
    return new GcFreed(n, blobs, chunks, chunkBytes, orphanFiles, orphanBytes, uploads);
  }

  GcFreed withBlobs(long n) {
    return new GcFreed(directories, n, chunks, chunkBytes, orphanFiles, orphanBytes, uploads);
  }

  GcFreed withChunks(long n, long bytes) {
    return new GcFreed(directories, blobs, n, bytes, orphanFiles, orphanBytes, uploads);
  }

  GcFreed withOrphans(long n, long bytes) {
    return new GcFreed(directories, blobs, chunks, chunkBytes, n, bytes, uploads);
  }

  GcFreed withUploads(long n) {
    return new GcFreed(directories, blobs, chunks, chunkBytes, orphanFiles, orphanBytes, n);
  }
}
