package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.B3Digest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One blob writer's chunk index for the catalog: keeps the size on disk of each chunk it is told
 * of and hands the finished blob over as a {@link BlobCatalog.StoredBlob}, which needs them.
 */
abstract class StoredBlobIndex implements ChunkIndex {
  private final Map<B3Digest, Long> storedSizes = new HashMap<>();

  @Override
  public final void chunkStored(B3Digest digest, int size, long storedSize) {
    storedSizes.putIfAbsent(digest, storedSize);
  }

  @Override
  public final void blobStored(B3Digest blob, long size, List<ChunkRef> chunks) {
    stored(new BlobCatalog.StoredBlob(blob, size, chunks, storedSizes));
  }

  /** The writer's blob is complete, every chunk of it reported. */
  abstract void stored(BlobCatalog.StoredBlob blob);
}
