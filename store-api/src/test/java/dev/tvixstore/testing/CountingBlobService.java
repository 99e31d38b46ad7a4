package dev.tvixstore.testing;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.castore.blob.BlobWriter;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link BlobService} that passes everything to another one and counts what readers do: blobs
 * opened and content bytes read (a seek reads nothing). Blobs can be marked as having lost their
 * content: they still exist ({@link #has}) but are not {@link #isComplete}, as a chunk store whose
 * chunk file went missing.
 */
public final class CountingBlobService implements BlobService {
  private final BlobService inner;
  private final AtomicLong opened = new AtomicLong();
  private final AtomicLong bytesRead = new AtomicLong();
  private final Set<B3Digest> lost = ConcurrentHashMap.newKeySet();

  /** Counts reads of {@code inner}. */
  public CountingBlobService(BlobService inner) {
    this.inner = inner;
  }

  /** How many readers were opened. */
  public long opened() {
    return opened.get();
  }

  /** How many content bytes all readers returned. */
  public long bytesRead() {
    return bytesRead.get();
  }

  /** From now on, {@code digest} is stored but incomplete. */
  public void loseContent(B3Digest digest) {
    lost.add(digest);
  }

  @Override
  public Optional<BlobReader> openRead(B3Digest digest) {
    Optional<BlobReader> reader = inner.openRead(digest);
    reader.ifPresent(r -> opened.incrementAndGet());
    return reader.map(Counting::new);
  }

  @Override
  public BlobWriter openWrite() {
    return inner.openWrite();
  }

  @Override
  public Optional<BlobStat> stat(B3Digest digest, boolean withChunks) {
    return inner.stat(digest, withChunks);
  }

  @Override
  public boolean isComplete(B3Digest digest) {
    return !lost.contains(digest) && inner.isComplete(digest);
  }

  private final class Counting extends BlobReader {
    private final BlobReader in;

    Counting(BlobReader in) {
      this.in = in;
    }

    @Override
    public long size() {
      return in.size();
    }

    @Override
    public long position() {
      return in.position();
    }

    @Override
    public void seek(long position) throws IOException {
      in.seek(position);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        bytesRead.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        bytesRead.addAndGet(n);
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
