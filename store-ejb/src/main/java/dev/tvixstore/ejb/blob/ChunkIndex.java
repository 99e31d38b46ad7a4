package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.B3Digest;
import java.util.List;

/**
 * Where {@link ChunkingBlobWriter} reports what it stored: the metadata side of the blob store
 * (JPA in production). Both methods are called on the writer's own thread, in order: every chunk
 * of a blob is reported before the blob is.
 */
public interface ChunkIndex {

  /**
   * A chunk file is written, its content fsynced if the store does that. Its directory entry is
   * durable only by the time {@link #blobStored} reports a blob holding it: commit chunk rows
   * together with the blob's (one transaction ending after blobStored), not earlier. Called again
   * for a chunk stored before, which implementations treat as a no-op. Chunks of a blob that is never committed may have been
   * reported: such orphans are garbage collection's to remove.
   *
   * @param size the chunk's length
   * @param storedSize the chunk file's size on disk
   */
  void chunkStored(B3Digest digest, int size, long storedSize);

  /**
   * A blob is complete: {@code chunks} are its chunks in order, contiguous from offset 0, their
   * sizes adding up to {@code size} (none for the empty blob). A blob that is a single chunk is
   * listed with that chunk, whose digest then equals {@code blob}.
   */
  void blobStored(B3Digest blob, long size, List<ChunkRef> chunks);
}
