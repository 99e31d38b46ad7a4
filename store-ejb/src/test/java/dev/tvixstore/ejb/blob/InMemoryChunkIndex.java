package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.B3Digest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ChunkIndex} and {@link BlobCatalog} in maps, for tests: every writer reports to this
 * one index. It also checks the index contract as {@link JpaBlobCatalog} relies on it: a blob's
 * chunks are reported before the blob, contiguous and adding up to its size.
 */
final class InMemoryChunkIndex implements ChunkIndex, BlobCatalog {
  record ChunkRow(int size, long storedSize) {}

  record BlobRow(long size, List<ChunkRef> chunks) {}

  private final Map<B3Digest, ChunkRow> chunks = new ConcurrentHashMap<>();
  private final Map<B3Digest, BlobRow> blobs = new ConcurrentHashMap<>();
  private final AtomicInteger chunkReports = new AtomicInteger();

  InMemoryChunkIndex() {
    blobs.put(B3Digest.EMPTY, new BlobRow(0, List.of()));
  }

  @Override
  public void chunkStored(B3Digest digest, int size, long storedSize) {
    chunkReports.incrementAndGet();
    ChunkRow row = new ChunkRow(size, storedSize);
    ChunkRow before = chunks.putIfAbsent(digest, row);
    if (before != null && before.size() != size) {
      throw new AssertionError("chunk " + digest + " reported as " + before + " and " + row);
    }
  }

  @Override
  public void blobStored(B3Digest blob, long size, List<ChunkRef> list) {
    long end = 0;
    for (ChunkRef c : list) {
      if (c.offset() != end) {
        throw new AssertionError("blob " + blob + ": gap or overlap at " + c);
      }
      ChunkRow row = chunks.get(c.digest());
      if (row == null || row.size() != c.size()) {
        throw new AssertionError("blob " + blob + " refers to unreported chunk " + c);
      }
      end = c.end();
    }
    if (end != size) {
      throw new AssertionError("blob " + blob + " of " + size + " bytes has chunks to " + end);
    }
    if (list.size() == 1 && !list.get(0).digest().equals(blob)) {
      throw new AssertionError("single-chunk blob " + blob + " names another chunk " + list);
    }
    blobs.putIfAbsent(blob, new BlobRow(size, List.copyOf(list)));
  }

  @Override
  public Optional<List<ChunkRef>> chunks(B3Digest digest) {
    BlobRow blob = blobs.get(digest);
    if (blob != null) {
      return Optional.of(blob.chunks());
    }
    return chunk(digest).map(row -> List.of(new ChunkRef(digest, 0, row.size())));
  }

  @Override
  public OptionalLong size(B3Digest digest) {
    BlobRow blob = blobs.get(digest);
    if (blob != null) {
      return OptionalLong.of(blob.size());
    }
    ChunkRow chunk = chunks.get(digest);
    return chunk == null ? OptionalLong.empty() : OptionalLong.of(chunk.size());
  }

  @Override
  public ChunkIndex newIndex() {
    return this;
  }

  Optional<BlobRow> blob(B3Digest digest) {
    return Optional.ofNullable(blobs.get(digest));
  }

  Optional<ChunkRow> chunk(B3Digest digest) {
    return Optional.ofNullable(chunks.get(digest));
  }

  int distinctChunks() {
    return chunks.size();
  }

  int chunkReports() {
    return chunkReports.get();
  }

  int blobCount() {
    return blobs.size();
  }
}
