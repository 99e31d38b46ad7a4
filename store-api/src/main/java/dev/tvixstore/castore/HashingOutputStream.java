package dev.tvixstore.castore;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Passes bytes on to another stream while computing their BLAKE3 and/or SHA-256 and counting them.
 * Each hash is computed only if asked for at construction, so a caller that needs one does not pay
 * for two. The digests can be read at any time and cover the bytes written so far; writing may go
 * on afterwards. Not thread-safe.
 */
public final class HashingOutputStream extends OutputStream {
  private final OutputStream out;
  private final Blake3 blake3;
  private final MessageDigest sha256;
  private final byte[] one = new byte[1];
  private long byteCount;

  private HashingOutputStream(OutputStream out, boolean withBlake3, boolean withSha256) {
    this.out = Objects.requireNonNull(out, "out");
    this.blake3 = withBlake3 ? B3Digest.newHasher() : null;
    this.sha256 = withSha256 ? newSha256() : null;
  }

  /** Hashes with BLAKE3 only. */
  public static HashingOutputStream blake3(OutputStream out) {
    return new HashingOutputStream(out, true, false);
  }

  /** Hashes with SHA-256 only. */
  public static HashingOutputStream sha256(OutputStream out) {
    return new HashingOutputStream(out, false, true);
  }

  /** Hashes with both BLAKE3 and SHA-256. */
  public static HashingOutputStream blake3AndSha256(OutputStream out) {
    return new HashingOutputStream(out, true, true);
  }

  /** Hashes as chosen at run time (neither: counts only). */
  public static HashingOutputStream of(OutputStream out, boolean withBlake3, boolean withSha256) {
    return new HashingOutputStream(out, withBlake3, withSha256);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    one[0] = (byte) b;
    update(one, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    out.write(b, off, len);
    update(b, off, len);
  }

  /** Hashes bytes without writing them on; {@code HashingInputStream} uses it for bytes read. */
  void update(byte[] b, int off, int len) {
    if (blake3 != null) {
      blake3.update(b, off, len);
    }
    if (sha256 != null) {
      sha256.update(b, off, len);
    }
    byteCount += len;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /** Number of bytes written so far. */
  public long byteCount() {
    return byteCount;
  }

  /**
   * BLAKE3 of the bytes written so far.
   *
   * @throws IllegalStateException if this stream was made without BLAKE3
   */
  public B3Digest blake3Digest() {
    if (blake3 == null) {
      throw new IllegalStateException("this stream does not compute BLAKE3");
    }
    // Blake3.digest() leaves the running state as it is.
    return blake3.digest();
  }

  /**
   * SHA-256 of the bytes written so far, 32 bytes.
   *
   * @throws IllegalStateException if this stream was made without SHA-256
   */
  public byte[] sha256Digest() {
    if (sha256 == null) {
      throw new IllegalStateException("this stream does not compute SHA-256");
    }
    try {
      return ((MessageDigest) sha256.clone()).digest();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 implementation cannot be cloned", e);
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
