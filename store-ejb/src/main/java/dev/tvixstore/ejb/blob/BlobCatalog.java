package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.B3Digest;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The metadata side of {@link FsChunkBlobService}: which blobs and chunks are committed, and which
 * chunks a blob is made of. The empty blob need not be catalogued: the service answers for it.
 * Thread-safe; the indexes it hands out are not.
 */
public interface BlobCatalog {

  /**
   * A complete blob for {@link #commitAll}: its chunks in order (as {@link
   * ChunkIndex#blobStored} gets them) and the size on disk of each distinct chunk's file.
   */
  record StoredBlob(
      B3Digest digest, long size, List<ChunkRef> chunks, Map<B3Digest, Long> storedSizes) {
    /** Copies the lists; checks that every chunk has its stored size. */
    public StoredBlob {
      chunks = List.copyOf(chunks);
      storedSizes = Map.copyOf(storedSizes);
      for (ChunkRef c : chunks) {
        if (!storedSizes.containsKey(c.digest())) {
          // ChunkIndex contract: every chunk is reported before its blob.
          throw new IllegalStateException(
              "chunk " + c.digest() + " of blob " + digest + " was never reported stored");
        }
      }
    }
  }

  /**
   * The chunks of a committed blob, contiguous from offset 0; for a digest committed only as a
   * chunk of some blob, that chunk alone (DESIGN §2: a chunk reads as a blob of itself).
   *
   * @return empty when neither a blob nor a chunk with this digest is committed
   */
  Optional<List<ChunkRef>> chunks(B3Digest digest);

  /**
   * {@link #chunks(B3Digest)} of many digests at once; those neither committed as a blob nor as
   * a chunk are absent from the map. The default asks for each.
   */
  default Map<B3Digest, List<ChunkRef>> chunks(Collection<B3Digest> digests) {
    Map<B3Digest, List<ChunkRef>> found = new HashMap<>();
    for (B3Digest d : digests) {
      chunks(d).ifPresent(c -> found.put(d, c));
    }
    return found;
  }

  /** The length of the committed blob or chunk, without listing chunks; empty when neither. */
  OptionalLong size(B3Digest digest);

  /**
   * The index one {@link ChunkingBlobWriter} reports to: the blob and its chunks become visible
   * together when its {@link ChunkIndex#blobStored} returns, not before.
   */
  ChunkIndex newIndex();

  /**
   * Commits many complete blobs, whose chunk files are all durable: each blob with its chunk rows
   * all or nothing, never a blob without all of its chunks. The default commits one blob at a
   * time through {@link #newIndex}; the database does all in one transaction.
   */
  default void commitAll(Collection<StoredBlob> blobs) {
    for (StoredBlob b : blobs) {
      ChunkIndex index = newIndex();
      for (ChunkRef c : b.chunks()) {
        index.chunkStored(c.digest(), c.size(), b.storedSizes().get(c.digest()));
      }
      index.blobStored(b.digest(), b.size(), b.chunks());
    }
  }

  /**
   * Drops whatever this catalog remembers of these blob or chunk digests: call it after deleting
   * their rows (garbage collection), so that a cached chunk list does not outlive its blob. The
   * default, for catalogs that cache nothing, does nothing.
   */
  default void forget(Collection<B3Digest> digests) {}
}
