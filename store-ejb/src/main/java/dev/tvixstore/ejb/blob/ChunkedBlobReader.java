package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.error.DataLossException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads a blob from its ordered chunk list. A seek finds the chunk holding the position by binary
 * search over the offsets and reads nothing before it; each chunk is loaded whole and checked
 * against its BLAKE3 by {@link ChunkFileStore#read(dev.tvixstore.castore.B3Digest, byte[])}
 * before any byte of it is returned. Memory: one buffer of the largest chunk's size.
 */
public final class ChunkedBlobReader extends BlobReader {
  private final ChunkFileStore store;
  private final List<ChunkRef> chunks;
  private final long[] offsets;
  private final long size;
  private final int largest;
  private byte[] buffer;
  private int loaded = -1;
  private int current;
  private long position;

  /**
   * A reader over {@code chunks}, positioned at 0.
   *
   * @throws IllegalArgumentException unless the chunks are contiguous from offset 0
   */
  public ChunkedBlobReader(ChunkFileStore store, List<ChunkRef> chunks) {
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
      if (buffer == null) {
        buffer = new byte[largest];
      }
      loaded = -1; // the buffer is unverified until read() returns
      ChunkRef c = chunks.get(current);
      int n = store.read(c.digest(), buffer);
      if (n != c.size()) {
        throw new DataLossException(
            "chunk " + c.digest().toHex() + " holds " + n + " bytes, the blob expects " + c.size());
      }
      loaded = current;
    }
    return buffer;
  }

  @Override
  public void close() {
    buffer = null;
    loaded = -1;
  }
}
