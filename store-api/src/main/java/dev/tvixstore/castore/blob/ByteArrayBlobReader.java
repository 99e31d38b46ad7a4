package dev.tvixstore.castore.blob;

import java.util.Objects;

/** A {@link BlobReader} over bytes already in memory (in-memory backend, small test blobs). */
final class ByteArrayBlobReader extends BlobReader {
  private final byte[] data;
  private int pos;

  ByteArrayBlobReader(byte[] data) {
    this.data = data;
  }

  @Override
  public long size() {
    return data.length;
  }

  @Override
  public long position() {
    return pos;
  }

  @Override
  public void seek(long position) {
    if (position < 0 || position > data.length) {
      throw new IllegalArgumentException(
          "seek to " + position + " outside blob of " + data.length + " bytes");
    }
    pos = (int) position;
  }

  @Override
  public int read() {
    return pos < data.length ? data[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (pos >= data.length) {
      return -1;
    }
    int n = Math.min(len, data.length - pos);
    System.arraycopy(data, pos, b, off, n);
    pos += n;
    return n;
  }
}
