package dev.tvixstore.ejb.blob;

/**
 * Where uploads of many blobs at once (a NAR) open a {@link BlobBatch}: the application's blob
 * store, injectable beside its {@code BlobService}.
 */
public interface BlobBatches {

  /** A new batch writing into the application's blob store. */
  BlobBatch openBatch();
}
