package dev.tvixstore.castore.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * A seekable stream over one stored blob. Reads may throw {@code DataLossException} (unchecked)
 * when stored data turns out missing or corrupt; no byte of a damaged chunk is ever returned.
 */
public abstract class BlobReader extends InputStream {

  /** The blob's total length in bytes. */
  public abstract long size();

  /** The offset of the next byte {@link #read()} returns. */
  public abstract long position();

  /**
   * Moves to {@code position}, which may be anywhere in {@code [0, size()]}; backends that chunk
   * must not read the data before it.
   *
   * @throws IllegalArgumentException if {@code position} is outside {@code [0, size()]}
   */
  public abstract void seek(long position) throws IOException;

  /** Bytes left from the current position to the end. */
  public long remaining() {
    return size() - position();
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, remaining());
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    long step = Math.min(n, remaining());
    seek(position() + step);
    return step;
  }
}
