package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.castore.blob.BlobWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The blob service the EJB layer will build, assembled from the building blocks over an {@link
 * InMemoryChunkIndex}: lets store-api's contract suite exercise writer, reader and file store
 * together.
 */
final class IndexedChunkBlobService implements BlobService {
  final ChunkFileStore store;
  final InMemoryChunkIndex index = new InMemoryChunkIndex();
  private final FastCdc cdc;
  private final Executor background;

  /** {@code background} null: chunks are written on the caller's thread. */
  IndexedChunkBlobService(ChunkFileStore store, FastCdc cdc, Executor background) {
    this.store = store;
    this.cdc = cdc;
    this.background = background;
  }

  @Override
  public Optional<BlobReader> openRead(B3Digest digest) {
    return chunksOf(digest).map(chunks -> new ChunkedBlobReader(store, chunks));
  }

  @Override
  public BlobWriter openWrite() {
    return background == null
        ? ChunkingBlobWriter.synchronous(store, cdc, index)
        : ChunkingBlobWriter.pipelined(store, cdc, index, background);
  }

  @Override
  public Optional<BlobStat> stat(B3Digest digest, boolean withChunks) {
    return chunksOf(digest)
        .map(
            chunks -> {
              long size = chunks.isEmpty() ? 0 : chunks.get(chunks.size() - 1).end();
              List<BlobStat.ChunkMeta> metas =
                  withChunks
                      ? chunks.stream()
                          .map(c -> new BlobStat.ChunkMeta(c.digest(), c.size()))
                          .toList()
                      : List.of();
              return new BlobStat(digest, size, metas);
            });
  }

  /** A blob's chunk list, or a chunk as a blob of itself (DESIGN §2: Read takes chunk digests). */
  private Optional<List<ChunkRef>> chunksOf(B3Digest digest) {
    Optional<InMemoryChunkIndex.BlobRow> blob = index.blob(digest);
    if (blob.isPresent()) {
      return Optional.of(blob.get().chunks());
    }
    return index.chunk(digest).map(row -> List.of(new ChunkRef(digest, 0, row.size())));
  }
}
