package dev.tvixstore.grpc.testing;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.error.DataLossException;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a blob service and lets a test watch and steer it: bytes handed out by readers, readers and
 * writers closed, a reader that fails with data loss after some bytes, a writer or stat that blocks
 * until released.
 */
public final class InstrumentedBlobService implements BlobService {

  private final BlobService inner;

  /** Bytes returned by all readers so far. */
  public final AtomicLong bytesRead = new AtomicLong();

  /** Calls of {@code openRead} so far. */
  public final AtomicInteger reads = new AtomicInteger();

  /** Counted down when a reader is closed. */
  public final CountDownLatch readerClosed = new CountDownLatch(1);

  /** Counted down when a writer is closed without commit. */
  public final CountDownLatch writerDiscarded = new CountDownLatch(1);

  /** Counted down when a write (or stat) has started and is held at the gate. */
  public final CountDownLatch entered = new CountDownLatch(1);

  /** Writes and stats wait on this while {@link #hold} is set. */
  public final CountDownLatch release = new CountDownLatch(1);

  /** Whether writes and stats wait for {@link #release}. */
  public volatile boolean hold;

  /** Readers fail with {@link DataLossException} once they have returned this many bytes. */
  public volatile long failAfter = Long.MAX_VALUE;

  /** Readers flip the bits of the first byte they return, as a damaged disk would. */
  public volatile boolean corrupt;

  /** Wraps {@code inner}. */
  public InstrumentedBlobService(BlobService inner) {
    this.inner = inner;
  }

  @Override
  public Optional<BlobReader> openRead(B3Digest digest) {
    reads.incrementAndGet();
    return inner.openRead(digest).map(Reader::new);
  }

  @Override
  public BlobWriter openWrite() {
    return new Writer(inner.openWrite());
  }

  @Override
  public Optional<BlobStat> stat(B3Digest digest, boolean withChunks) {
    gate();
    return inner.stat(digest, withChunks);
  }

  private void gate() {
    if (hold) {
      entered.countDown();
      try {
        if (!release.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("test never released the gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private final class Reader extends BlobReader {
    private final BlobReader r;
    private long returned;

    Reader(BlobReader r) {
      this.r = r;
    }

    @Override
    public long size() {
      return r.size();
    }

    @Override
    public long position() {
      return r.position();
    }

    @Override
    public void seek(long position) throws IOException {
      r.seek(position);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      long allowed = failAfter - returned;
      if (allowed <= 0) {
        throw new DataLossException("chunk at offset " + returned + " is corrupt (test)");
      }
      int n = r.read(b, off, (int) Math.min(len, allowed));
      if (n > 0 && returned == 0 && corrupt) {
        b[off] = (byte) ~b[off];
      }
      if (n > 0) {
        returned += n;
        bytesRead.addAndGet(n);
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      r.close();
      readerClosed.countDown();
    }
  }

  private final class Writer extends BlobWriter {
    private final BlobWriter w;
    private boolean committed;

    Writer(BlobWriter w) {
      this.w = w;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      gate();
      w.write(b, off, len);
    }

    @Override
    public B3Digest commit() throws IOException {
      B3Digest digest = w.commit();
      committed = true;
      return digest;
    }

    @Override
    public long bytesWritten() {
      return w.bytesWritten();
    }

    @Override
    public void close() throws IOException {
      w.close();
      if (!committed) {
        writerDiscarded.countDown();
      }
    }
  }
}
