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
}
