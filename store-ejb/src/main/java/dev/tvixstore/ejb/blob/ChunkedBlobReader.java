package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.error.DataLossException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a blob from its ordered chunk list. A seek finds the chunk holding the position by binary
 * search over the offsets and reads nothing before it; each chunk is loaded whole and checked
 * against its BLAKE3 by {@link ChunkFileStore#read(dev.tvixstore.castore.B3Digest, byte[])}
 * before any byte of it is returned. Memory: one buffer of the largest chunk's size, two when
 * reading ahead.
 *
 * <p>With a read-ahead executor, loading chunk {@code i} starts loading chunk {@code i + 1} on
 * it, so decompressing and checking the next chunk (most of a read's CPU: BLAKE3 and zstd) runs
 * on another core while the caller sends this one. A failure of the chunk read ahead surfaces
 * only when the reader reaches it, exactly as without read-ahead.
 */
public final class ChunkedBlobReader extends BlobReader {
  private final ChunkFileStore store;
  private final List<ChunkRef> chunks;
  private final long[] offsets;
  private final long size;
  private final int largest;
  private final Executor readAhead;
  private byte[] buffer;
  private int loaded = -1;
  private int current;
  private long position;
  private ReadAhead next;

  /**
   * A reader over {@code chunks}, positioned at 0, reading on the caller's thread only.
   *
   * @throws IllegalArgumentException unless the chunks are contiguous from offset 0
   */
  public ChunkedBlobReader(ChunkFileStore store, List<ChunkRef> chunks) {
    this(store, chunks, null);
  }

  /**
   * A reader over {@code chunks}, positioned at 0, loading the next chunk on {@code readAhead}
   * (null: no read-ahead).
   *
   * @throws IllegalArgumentException unless the chunks are contiguous from offset 0
   */
  public ChunkedBlobReader(ChunkFileStore store, List<ChunkRef> chunks, Executor readAhead) {
    this.readAhead = readAhead;
    this.store = Objects.requireNonNull(store, "store");
    this.chunks = List.copyOf(chunks);
    this.offsets = new long[this.chunks.size()];
    long end = 0;
    int max = 0;
    for (int i = 0; i < offsets.length; i++) {
      ChunkRef c = this.chunks.get(i);
      if (c.offset() != end) {
        throw new IllegalArgumentException(
            "chunk " + i + " (" + c.digest() + ") starts at " + c.offset() + ", expected " + end);
      }
      offsets[i] = c.offset();
      end = c.end();
      max = Math.max(max, c.size());
    }
    this.size = end;
    this.largest = max;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public void seek(long target) {
    if (target < 0 || target > size) {
      throw new IllegalArgumentException(
          "seek to " + target + " outside blob of " + size + " bytes");
    }
    position = target;
    if (target == size) {
      current = chunks.size();
      return;
    }
    int i = Arrays.binarySearch(offsets, target);
    current = i >= 0 ? i : -i - 2;
  }

  @Override
  public int read() {
    if (position >= size) {
      return -1;
    }
    byte[] chunk = load();
    int b = chunk[(int) (position - offsets[current])] & 0xff;
    advance(1);
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (position >= size) {
      return -1;
    }
    byte[] chunk = load();
    ChunkRef c = chunks.get(current);
    int inChunk = (int) (position - c.offset());
    int n = Math.min(len, c.size() - inChunk);
    System.arraycopy(chunk, inChunk, b, off, n);
    advance(n);
    return n;
  }

  private void advance(int n) {
    position += n;
    if (position == chunks.get(current).end()) {
      current++;
    }
  }

  /** The current chunk's verified bytes, read from disk unless already in the buffer. */
  private byte[] load() {
    if (loaded != current) {
      loaded = -1; // the buffer is unverified until the chunk is in it
      ReadAhead ahead = next;
      next = null;
      if (ahead != null && ahead.index == current) {
        byte[] spare = buffer;
        buffer = ahead.await();
        startReadAhead(current + 1, spare);
      } else {
        byte[] spare = ahead == null ? null : ahead.abandon();
        if (buffer == null) {
          buffer = new byte[largest];
        }
        startReadAhead(current + 1, spare);
        loadInto(current, buffer);
      }
      loaded = current;
    }
    return buffer;
  }

  private void startReadAhead(int index, byte[] spare) {
    if (readAhead == null || index >= chunks.size()) {
      return;
    }
    next = new ReadAhead(index, spare != null ? spare : new byte[largest]);
    try {
      readAhead.execute(next);
    } catch (RejectedExecutionException e) {
      next = null; // a busy or stopping pool: read it on the caller's thread when needed
    }
  }

  private void loadInto(int index, byte[] into) {
    ChunkRef c = chunks.get(index);
    int n = store.read(c.digest(), into);
    if (n != c.size()) {
      throw new DataLossException(
          "chunk " + c.digest().toHex() + " holds " + n + " bytes, the blob expects " + c.size());
    }
  }

  @Override
  public void close() {
    if (next != null) {
      next.abandon();
      next = null;
    }
    buffer = null;
    loaded = -1;
  }

  /** One chunk being loaded on the read-ahead executor into a buffer of its own. */
  private final class ReadAhead implements Runnable {
    final int index;
    private final byte[] into;
    private final CompletableFuture<byte[]> done = new CompletableFuture<>();
    private final AtomicBoolean claimed = new AtomicBoolean();

    ReadAhead(int index, byte[] into) {
      this.index = index;
      this.into = into;
    }

    @Override
    public void run() {
      if (!claimed.compareAndSet(false, true)) {
        return; // the reader got there first and loaded it itself
      }
      try {
        loadInto(index, into);
        done.complete(into);
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    }

    /**
     * The verified chunk; its failure (data loss, storage) as if read here. A load still queued
     * behind other work of the pool is done on this thread instead of waited for.
     */
    byte[] await() {
      run();
      try {
        return done.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }

    /**
     * Gives up on this chunk. Returns its buffer for reuse once the load has finished, or null
     * while it may still be writing into it.
     */
    byte[] abandon() {
      return done.isDone() ? into : null;
    }
  }
}
