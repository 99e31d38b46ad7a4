package dev.tvixstore.web.cache;

import dev.tvixstore.error.LimitExceededException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through until more than a limit have been read, then fails with {@link
 * LimitExceededException} (HTTP 413) instead of reading on: an upload is refused as soon as it is
 * known to be too large, whatever its headers said.
 */
final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private final String what;
  private long count;

  LimitedInputStream(InputStream in, long limit, String what) {
    super(in);
    this.limit = limit;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long k = in.skip(n);
    if (k > 0) {
      counted(k);
    }
    return k;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void counted(long n) {
    count += n;
    if (count > limit) {
      throw new LimitExceededException(what + " is larger than the limit of " + limit + " bytes");
    }
  }
}
