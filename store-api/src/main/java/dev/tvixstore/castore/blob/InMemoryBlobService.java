package dev.tvixstore.castore.blob;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Blake3;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The reference {@link BlobService}: whole blobs in a concurrent map. For tests and as the
 * executable meaning of the contract; it is the one backend allowed to hold blobs in memory. It
 * does not chunk, so {@link #stat} lists no chunks.
 */
public final class InMemoryBlobService implements BlobService {
  private final ConcurrentMap<B3Digest, byte[]> blobs = new ConcurrentHashMap<>();

  /** Creates an empty store (holding only the empty blob). */
  public InMemoryBlobService() {
    blobs.put(B3Digest.EMPTY, new byte[0]);
  }

  @Override
  public Optional<BlobReader> openRead(B3Digest digest) {
    Objects.requireNonNull(digest, "digest");
    return Optional.ofNullable(blobs.get(digest)).map(ByteArrayBlobReader::new);
  }

  @Override
  public BlobWriter openWrite() {
    return new Writer();
  }

  @Override
  public Optional<BlobStat> stat(B3Digest digest, boolean withChunks) {
    Objects.requireNonNull(digest, "digest");
    return Optional.ofNullable(blobs.get(digest)).map(b -> new BlobStat(digest, b.length, List.of()));
  }

  private final class Writer extends BlobWriter {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Blake3 hasher = new Blake3();
    private boolean finished;

    @Override
    public void write(byte[] b, int off, int len) {
      Objects.checkFromIndexSize(off, len, b.length);
      if (finished) {
        throw new IllegalStateException("blob writer already committed or closed");
      }
      hasher.update(b, off, len);
      buffer.write(b, off, len);
    }

    @Override
    public B3Digest commit() {
      if (finished) {
        throw new IllegalStateException("blob writer already committed or closed");
      }
      finished = true;
      B3Digest digest = B3Digest.finish(hasher);
      blobs.putIfAbsent(digest, buffer.toByteArray());
      return digest;
    }

    @Override
    public long bytesWritten() {
      return buffer.size();
    }

    @Override
    public void close() {
      finished = true;
    }
  }
}
