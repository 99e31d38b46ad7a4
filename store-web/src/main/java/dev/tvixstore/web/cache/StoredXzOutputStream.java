package dev.tvixstore.web.cache;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;

/**
 * Writes an .xz file (xz file format 1.0.4) whose LZMA2 data is all uncompressed chunks: a valid xz
 * stream that any decoder reads, made at the speed of a CRC32 instead of LZMA's few MB/s. Used to
 * serve {@code nar/<filehash>.nar.xz} to a client that uploaded that file: Nix caches the narinfo
 * it uploaded and fetches the URL it named, decompresses it and checks the NAR hash, but never the
 * file hash. Its length is known in advance ({@link #encodedLength}).
 *
 * <p>Layout: stream header, one block (header, LZMA2 chunks of up to 64 KiB, end marker, padding,
 * CRC32 of the data), index with one record, stream footer. {@link #close()} finishes the stream; a
 * stream abandoned without close is truncated, which every decoder rejects.
 */
final class StoredXzOutputStream extends FilterOutputStream {
  private static final int CHUNK = 1 << 16;
  private static final byte[] HEADER_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
  private static final byte[] FOOTER_MAGIC = {'Y', 'Z'};

  /** Stream flags: no reserved bits, check type 1 (CRC32). */
  private static final byte[] STREAM_FLAGS = {0, 1};

  /**
   * Block header: size byte (12 / 4 - 1), flags (one filter, no sizes), filter LZMA2 (0x21) with
   * one property byte, dictionary 128 KiB (code 10: more than one chunk), padding; CRC32 follows.
   */
  private static final byte[] BLOCK_HEADER = {2, 0, 0x21, 1, 10, 0, 0, 0};

  private static final int STREAM_HEADER_LENGTH = 12;
  private static final int BLOCK_HEADER_LENGTH = BLOCK_HEADER.length + 4;
  private static final int CHECK_LENGTH = 4;
  private static final int STREAM_FOOTER_LENGTH = 12;

  private final CRC32 dataCrc = new CRC32();
  private final byte[] chunkHeader = new byte[3];
  private final byte[] buffer = new byte[CHUNK];
  private int pending;
  private long size;
  private boolean closed;

  StoredXzOutputStream(OutputStream out) throws IOException {
    super(out);
    byte[] head = new byte[STREAM_HEADER_LENGTH + BLOCK_HEADER_LENGTH];
    System.arraycopy(HEADER_MAGIC, 0, head, 0, 6);
    System.arraycopy(STREAM_FLAGS, 0, head, 6, 2);
    putCrc(head, 8, head, 6, 2);
    System.arraycopy(BLOCK_HEADER, 0, head, STREAM_HEADER_LENGTH, BLOCK_HEADER.length);
    putCrc(
        head,
        STREAM_HEADER_LENGTH + BLOCK_HEADER.length,
        head,
        STREAM_HEADER_LENGTH,
        BLOCK_HEADER.length);
    out.write(head);
  }

  /** The length of the .xz file this stream makes of {@code n} bytes. */
  static long encodedLength(long n) {
    long lzma2 = lzma2Length(n);
    long unpadded = BLOCK_HEADER_LENGTH + lzma2 + CHECK_LENGTH;
    return STREAM_HEADER_LENGTH
        + pad4(BLOCK_HEADER_LENGTH + lzma2)
        + CHECK_LENGTH
        + indexLength(unpadded, n)
        + STREAM_FOOTER_LENGTH;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  /**
   * Chunks are always full 64 KiB but the last, whatever the writes, so that the length is the one
   * {@link #encodedLength} promised: full chunks go straight from {@code b}, the rest through a
   * buffer.
   */
  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (pending == 0 && len >= CHUNK) {
        chunk(b, off, CHUNK);
        off += CHUNK;
        len -= CHUNK;
        continue;
      }
      int n = Math.min(len, CHUNK - pending);
      System.arraycopy(b, off, buffer, pending, n);
      pending += n;
      off += n;
      len -= n;
      if (pending == CHUNK) {
        chunk(buffer, 0, CHUNK);
        pending = 0;
      }
    }
  }

  private void chunk(byte[] b, int off, int n) throws IOException {
    // Control 1 resets the dictionary (required first), 2 keeps it; then size - 1, big-endian.
    chunkHeader[0] = (byte) (size == 0 ? 1 : 2);
    chunkHeader[1] = (byte) ((n - 1) >>> 8);
    chunkHeader[2] = (byte) (n - 1);
    out.write(chunkHeader);
    out.write(b, off, n);
    dataCrc.update(b, off, n);
    size += n;
  }

  /** Finishes the stream: end marker, check, index and footer. Does not close the target. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (pending > 0) {
      chunk(buffer, 0, pending);
      pending = 0;
    }
    long lzma2 = lzma2Length(size);
    long unpadded = BLOCK_HEADER_LENGTH + lzma2 + CHECK_LENGTH;
    byte[] tail = new byte[1 + 3 + CHECK_LENGTH + (int) indexLength(unpadded, size) + 12];
    int p = 0;
    tail[p++] = 0; // LZMA2 end marker
    p += (int) (pad4(BLOCK_HEADER_LENGTH + lzma2) - (BLOCK_HEADER_LENGTH + lzma2));
    p = putLe(tail, p, dataCrc.getValue(), 4);
    int index = p;
    tail[p++] = 0; // index indicator
    p = putVarint(tail, p, 1);
    p = putVarint(tail, p, unpadded);
    p = putVarint(tail, p, size);
    while ((p - index) % 4 != 0) {
      tail[p++] = 0;
    }
    putCrc(tail, p, tail, index, p - index);
    p += 4;
    long backwardSize = (p - index) / 4 - 1;
    int footer = p;
    p += 4; // CRC32 of backward size and flags, below
    p = putLe(tail, p, backwardSize, 4);
    tail[p++] = STREAM_FLAGS[0];
    tail[p++] = STREAM_FLAGS[1];
    putCrc(tail, footer, tail, footer + 4, 6);
    tail[p++] = FOOTER_MAGIC[0];
    tail[p++] = FOOTER_MAGIC[1];
    out.write(tail, 0, p);
  }

  private static long lzma2Length(long n) {
    return n + 3 * ((n + CHUNK - 1) / CHUNK) + 1;
  }

  private static long indexLength(long unpadded, long uncompressed) {
    long raw = 1 + varintLength(1) + varintLength(unpadded) + varintLength(uncompressed);
    return pad4(raw) + 4;
  }

  private static long pad4(long n) {
    return (n + 3) & ~3L;
  }

  private static int varintLength(long v) {
    int n = 1;
    while ((v >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  private static int putVarint(byte[] b, int p, long v) {
    while (v >= 0x80) {
      b[p++] = (byte) (v | 0x80);
      v >>>= 7;
    }
    b[p++] = (byte) v;
    return p;
  }

  private static int putLe(byte[] b, int p, long v, int bytes) {
    for (int i = 0; i < bytes; i++) {
      b[p++] = (byte) (v >>> (8 * i));
    }
    return p;
  }

  private static void putCrc(byte[] dst, int at, byte[] src, int off, int len) {
    CRC32 crc = new CRC32();
    crc.update(src, off, len);
    putLe(dst, at, crc.getValue(), 4);
  }
}
