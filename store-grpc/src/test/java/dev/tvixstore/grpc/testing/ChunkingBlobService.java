package dev.tvixstore.grpc.testing;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test-only chunking backend: a committed blob is cut into fixed-size chunks, each stored (and
 * readable) under its own digest, and {@code stat} lists them. Holds everything in memory.
 */
public final class ChunkingBlobService implements BlobService {

  private final InMemoryBlobService store = new InMemoryBlobService();
  private final Map<B3Digest, List<BlobStat.ChunkMeta>> chunkLists = new ConcurrentHashMap<>();
  private final int chunkBytes;

  /** Cuts blobs into chunks of {@code chunkBytes} (the last one shorter). */
  public ChunkingBlobService(int chunkBytes) {
    this.chunkBytes = chunkBytes;
  }

  @Override
  public Optional<BlobReader> openRead(B3Digest digest) {
    return store.openRead(digest);
  }

  @Override
  public Optional<BlobStat> stat(B3Digest digest, boolean withChunks) {
    return store
        .stat(digest, false)
        .map(
            s ->
                new BlobStat(
                    digest,
                    s.size(),
                    withChunks ? chunkLists.getOrDefault(digest, List.of()) : List.of()));
  }

  @Override
  public BlobWriter openWrite() {
    return new BlobWriter() {
      private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

      @Override
      public void write(byte[] b, int off, int len) {
        buffer.write(b, off, len);
      }

      @Override
      public B3Digest commit() throws IOException {
        byte[] data = buffer.toByteArray();
        List<BlobStat.ChunkMeta> chunks = new ArrayList<>();
        for (int off = 0; off < data.length; off += chunkBytes) {
          byte[] chunk = Arrays.copyOfRange(data, off, Math.min(data.length, off + chunkBytes));
          chunks.add(new BlobStat.ChunkMeta(put(chunk), chunk.length));
        }
        B3Digest digest = put(data);
        if (chunks.size() > 1) {
          chunkLists.put(digest, List.copyOf(chunks));
        }
        return digest;
      }

      @Override
      public long bytesWritten() {
        return buffer.size();
      }
    };
  }

  private B3Digest put(byte[] data) throws IOException {
    try (BlobWriter w = store.openWrite()) {
      w.write(data);
      return w.commit();
    }
  }
}
