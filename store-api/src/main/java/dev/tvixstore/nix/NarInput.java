package dev.tvixstore.nix;

import dev.tvixstore.nix.InvalidNarException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The buffered byte source under {@link NarReader}: NAR primitives (u64, padded strings, padding)
 * with the stream offset for error messages, and bounded views over file contents. Any early end
 * of the stream is {@link Reason#TRUNCATED}.
 */
final class NarInput {
  private final InputStream in;
  private final byte[] buf;
  /** Stream offset of {@code buf[0]}. */
  private long bufStart;
  private int pos;
  private int limit;

  NarInput(InputStream in, int bufferSize) {
    this.in = in;
    this.buf = new byte[bufferSize];
  }

  /** Bytes consumed so far. */
  long offset() {
    return bufStart + pos;
  }

  /** Refills an exhausted buffer; false at end of stream. */
  private boolean fill() throws IOException {
    bufStart += limit;
    pos = 0;
    limit = 0;
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    limit = n;
    return true;
  }

  private InvalidNarException truncated(String what) {
    return new InvalidNarException(Reason.TRUNCATED, offset(), "stream ended inside " + what);
  }

  /** Whether the stream has no more bytes (reads ahead at most one buffer). */
  boolean atEnd() throws IOException {
    return pos == limit && !fill();
  }

  long readU64() throws IOException {
    if (limit - pos >= 8) {
      long v = 0;
      for (int i = 7; i >= 0; i--) {
        v = (v << 8) | (buf[pos + i] & 0xff);
      }
      pos += 8;
      return v;
    }
    byte[] b = new byte[8];
    readFully(b, 8);
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }

  /** Reads exactly {@code n} bytes into {@code dst[0..n)}. */
  void readFully(byte[] dst, int n) throws IOException {
    int done = 0;
    while (done < n) {
      if (pos == limit && !fill()) {
        throw truncated("a string");
      }
      int k = Math.min(n - done, limit - pos);
      System.arraycopy(buf, pos, dst, done, k);
      pos += k;
      done += k;
    }
  }

  /** Reads and checks the zero padding after {@code length} bytes of string or contents. */
  void readPadding(long length) throws IOException {
    int pad = NarTokens.padding(length);
    for (int i = 0; i < pad; i++) {
      if (pos == limit && !fill()) {
        throw truncated("padding");
      }
      if (buf[pos] != 0) {
        throw new InvalidNarException(Reason.NONZERO_PADDING, offset(), "padding byte is not 0");
      }
      pos++;
    }
  }

  /**
   * Reads a padded string of at most {@code max} bytes; a longer length is rejected with {@code
   * tooLong} before any of it is read.
   */
  byte[] readString(int max, Reason tooLong, String what) throws IOException {
    long at = offset();
    long len = readU64();
    if (len < 0 || len > max) {
      throw new InvalidNarException(tooLong, at,
          what + " of " + Long.toUnsignedString(len) + " bytes, at most " + max + " allowed");
    }
    byte[] b = new byte[(int) len];
    readFully(b, b.length);
    readPadding(len);
    return b;
  }

  /** A view yielding exactly the next {@code size} bytes. */
  Contents contents(long size) {
    return new Contents(size);
  }

  /** One file's contents; big reads past the buffer go from the stream into the caller's array. */
  final class Contents extends InputStream {
    private long remaining;
    private boolean closed;

    private Contents(long size) {
      this.remaining = size;
    }

    @Override
    public int read() throws IOException {
      if (closed) {
        throw new IOException("NAR file contents read after close");
      }
      if (remaining == 0) {
        return -1;
      }
      if (pos == limit && !fill()) {
        throw truncated("file contents");
      }
      remaining--;
      return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("NAR file contents read after close");
      }
      Objects.checkFromIndexSize(off, len, b.length);
      if (remaining == 0) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      int want = (int) Math.min(len, remaining);
      if (pos == limit) {
        if (want >= buf.length) {
          // Large reads bypass the buffer: one copy fewer for big files.
          int n = in.read(b, off, want);
          if (n < 0) {
            throw truncated("file contents");
          }
          bufStart += n;
          remaining -= n;
          return n;
        }
        if (!fill()) {
          throw truncated("file contents");
        }
      }
      int n = Math.min(want, limit - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      remaining -= n;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      if (closed || n <= 0) {
        return 0;
      }
      long before = remaining;
      skipUpTo(Math.min(n, remaining));
      return before - remaining;
    }

    @Override
    public int available() {
      return closed ? 0 : (int) Math.min(limit - pos, remaining);
    }

    /** Ends the handler's access; the NAR stream stays open. */
    @Override
    public void close() {
      closed = true;
    }

    /** Consumes whatever the handler left unread. */
    void skipRest() throws IOException {
      skipUpTo(remaining);
    }

    private void skipUpTo(long n) throws IOException {
      long left = n;
      while (left > 0) {
        if (pos == limit && !fill()) {
          throw truncated("file contents");
        }
        int k = (int) Math.min(left, limit - pos);
        pos += k;
        left -= k;
        remaining -= k;
      }
    }
  }
}
