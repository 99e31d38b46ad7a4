package dev.tvixstore.web.cache;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a zstd frame (RFC 8878) of raw, uncompressed blocks: what {@link StoredXzOutputStream} is
 * for xz, for {@code nar/<filehash>.nar.zst}. The frame declares a 128 KiB window (blocks are at
 * most that) and the content size, which the caller must know and then write exactly; it has no
 * checksum (Nix checks the NAR hash). Its length is known in advance ({@link #encodedLength}).
 */
final class RawZstdOutputStream extends FilterOutputStream {
  private static final int BLOCK = 128 << 10;

  /**
   * Magic, then the frame header descriptor (content size in 8 bytes, not single-segment, no
   * checksum, no dictionary), then the window descriptor (exponent 7: 2^17 bytes).
   */
  private static final byte[] FRAME_START = {
    0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, (byte) 0xC0, 0x38
  };

  private final long contentSize;
  private final byte[] blockHeader = new byte[3];
  private long written;
  private int inBlock;
  private boolean closed;

  /** A frame of exactly {@code contentSize} bytes. */
  RawZstdOutputStream(OutputStream out, long contentSize) throws IOException {
    super(out);
    this.contentSize = contentSize;
    byte[] head = new byte[FRAME_START.length + 8];
    System.arraycopy(FRAME_START, 0, head, 0, FRAME_START.length);
    for (int i = 0; i < 8; i++) {
      head[FRAME_START.length + i] = (byte) (contentSize >>> (8 * i));
    }
    out.write(head);
    if (contentSize == 0) {
      writeBlockHeader(0, true); // a frame has at least one block
    }
  }

  /** The length of the frame for {@code n} bytes of content. */
  static long encodedLength(long n) {
    long blocks = Math.max(1, (n + BLOCK - 1) / BLOCK);
    return FRAME_START.length + 8 + 3 * blocks + n;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len > contentSize - written) {
      throw new IOException("more than the declared " + contentSize + " bytes");
    }
    while (len > 0) {
      if (inBlock == 0) {
        long left = contentSize - written;
        int size = (int) Math.min(BLOCK, left);
        writeBlockHeader(size, left <= BLOCK);
        inBlock = size;
      }
      int n = Math.min(len, inBlock);
      out.write(b, off, n);
      inBlock -= n;
      written += n;
      off += n;
      len -= n;
    }
  }

  /** Checks that the frame is complete. Does not close the target. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      if (written != contentSize) {
        throw new IOException("wrote " + written + " of the declared " + contentSize + " bytes");
      }
    }
  }

  /** Block header, little-endian: last-block bit, type 0 (raw), size in the upper 21 bits. */
  private void writeBlockHeader(int size, boolean last) throws IOException {
    int h = (size << 3) | (last ? 1 : 0);
    blockHeader[0] = (byte) h;
    blockHeader[1] = (byte) (h >>> 8);
    blockHeader[2] = (byte) (h >>> 16);
    out.write(blockHeader);
  }
}
