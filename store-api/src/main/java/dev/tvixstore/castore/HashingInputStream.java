package dev.tvixstore.castore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Reads from another stream while computing the BLAKE3 and/or SHA-256 of the bytes read and
 * counting them; as {@link HashingOutputStream}, each hash only if asked for. Skipped bytes are
 * read and hashed too, and mark/reset is not supported, so the digests always cover exactly the
 * bytes that passed. Not thread-safe.
 */
public final class HashingInputStream extends InputStream {
  private final InputStream in;
  private final HashingOutputStream hashes;

  private HashingInputStream(InputStream in, boolean withBlake3, boolean withSha256) {
    this.in = Objects.requireNonNull(in, "in");
    this.hashes = HashingOutputStream.of(OutputStream.nullOutputStream(), withBlake3, withSha256);
  }

  /** Hashes with BLAKE3 only. */
  public static HashingInputStream blake3(InputStream in) {
    return new HashingInputStream(in, true, false);
  }

  /** Hashes with SHA-256 only. */
  public static HashingInputStream sha256(InputStream in) {
    return new HashingInputStream(in, false, true);
  }

  /** Hashes with both BLAKE3 and SHA-256. */
  public static HashingInputStream blake3AndSha256(InputStream in) {
    return new HashingInputStream(in, true, true);
  }

  /** Hashes as chosen at run time (neither: counts only). */
  public static HashingInputStream of(InputStream in, boolean withBlake3, boolean withSha256) {
    return new HashingInputStream(in, withBlake3, withSha256);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      hashes.update(new byte[] {(byte) b}, 0, 1); // rare: callers wrap buffered streams
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    int n = in.read(b, off, len);
    if (n > 0) {
      hashes.update(b, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Number of bytes read (or skipped) so far. */
  public long byteCount() {
    return hashes.byteCount();
  }

  /**
   * BLAKE3 of the bytes read so far.
   *
   * @throws IllegalStateException if this stream was made without BLAKE3
   */
  public B3Digest blake3Digest() {
    return hashes.blake3Digest();
  }

  /**
   * SHA-256 of the bytes read so far, 32 bytes.
   *
   * @throws IllegalStateException if this stream was made without SHA-256
   */
  public byte[] sha256Digest() {
    return hashes.sha256Digest();
  }
}
