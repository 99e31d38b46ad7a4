package dev.tvixstore.castore.blob;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.BlobOpener;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Stores and serves blobs: byte sequences identified by the BLAKE3 digest of their whole content.
 *
 * <p>Contract (checked by {@code BlobServiceContract} for every backend):
 *
 * <ul>
 *   <li>The empty blob ({@link B3Digest#EMPTY}) always exists.
 *   <li>Content is streamed: no backend other than the in-memory reference one may hold a whole
 *       blob in memory.
 *   <li>A blob becomes visible only when its writer's {@link BlobWriter#commit()} returns; a writer
 *       closed without commit leaves nothing behind. Writing the same content twice is harmless and
 *       yields the same digest.
 *   <li>Backends that split blobs into chunks (DESIGN.md §2) also serve each chunk by its own digest
 *       through {@link #openRead} and {@link #stat}.
 * </ul>
 *
 * <p>Failures of the storage itself surface as {@code StorageException}; stored data found missing
 * or corrupt while reading surfaces as {@code DataLossException}.
 */
public interface BlobService extends BlobOpener {

  /**
   * Opens a blob (or a chunk, for chunking backends) for reading from its start.
   *
   * @return the reader, or empty when nothing with this digest is stored
   */
  Optional<BlobReader> openRead(B3Digest digest);

  /**
   * Starts writing a new blob. The caller writes the content, then calls {@link
   * BlobWriter#commit()} to learn its digest; closing without commit discards it.
   */
  BlobWriter openWrite();

  /**
   * Describes a stored blob.
   *
   * @param withChunks whether to list the chunks the blob is stored as; a backend that does not
   *     chunk, or a blob stored as a single chunk, may return an empty list
   * @return the blob's size (and chunks), or empty when nothing with this digest is stored
   */
  Optional<BlobStat> stat(B3Digest digest, boolean withChunks);

  /** The blob's content from its first byte: {@link #openRead}, for the NAR writer. */
  @Override
  default Optional<BlobReader> open(B3Digest digest) {
    return openRead(digest);
  }

  /** Whether a blob (or chunk) with this digest is stored. */
  default boolean has(B3Digest digest) {
    return stat(digest, false).isPresent();
  }

  /**
   * Whether the blob is stored and everything its content is read from is present, checked
   * without reading that content: for a chunking backend, the blob's chunk list is known and every
   * chunk's file exists. The NAR renderer asks this of every blob it will need before it sends a
   * byte (DESIGN.md §5, fail closed). A {@code true} answer promises presence, not integrity:
   * reads still check every chunk and may throw {@code DataLossException}.
   *
   * <p>The default is {@link #has}, right for backends whose metadata and content cannot part.
   *
   * @return false when the blob is not stored, or stored but with content missing
   */
  default boolean isComplete(B3Digest digest) {
    return has(digest);
  }

  /**
   * The digests among {@code digests} that are not {@link #isComplete complete}: the check of a
   * whole NAR's blobs at once. Backends with a database answer in a few round trips instead of
   * one per blob; the default asks {@link #isComplete} for each.
   *
   * @return the incomplete ones, each once, in no particular order; empty when all are complete
   */
  default Set<B3Digest> incomplete(Collection<B3Digest> digests) {
    Set<B3Digest> missing = new HashSet<>();
    for (B3Digest d : digests) {
      if (!isComplete(d)) {
        missing.add(d);
      }
    }
    return missing;
  }
}
