package dev.tvixstore.web.it;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.HashingOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Incompressible bytes made from a seed, generated as they are read: large test blobs without
 * holding them in memory, reproducible for reading back and for content shared between clients.
 */
final class SeededContent extends InputStream {

  private final SplittableRandom random;
  private long remaining;
  private final byte[] block = new byte[8192];
  private int blockPos = block.length;

  SeededContent(long seed, long length) {
    this.random = new SplittableRandom(seed);
    this.remaining = length;
  }

  /** A run of {@code length} bytes from {@code seed}: blobs made of the same runs share chunks. */
  record Segment(long seed, long length) {}

  /** The segments one after the other. */
  static InputStream of(List<Segment> segments) {
    return new SequenceInputStream(
        Collections.enumeration(
            segments.stream()
                .map(s -> (InputStream) new SeededContent(s.seed(), s.length()))
                .toList()));
  }

  /** The BLAKE3 of {@code new SeededContent(seed, length)}. */
  static B3Digest digest(long seed, long length) {
    return digest(List.of(new Segment(seed, length)));
  }

  /** The BLAKE3 of {@link #of(List)}. */
  static B3Digest digest(List<Segment> segments) {
    HashingOutputStream hashed = HashingOutputStream.blake3(OutputStream.nullOutputStream());
    try (InputStream in = of(segments)) {
      in.transferTo(hashed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hashed.blake3Digest();
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (remaining == 0) {
      return -1;
    }
    int n = 0;
    while (n < len && remaining > 0) {
      if (blockPos == block.length) {
        random.nextBytes(block);
        blockPos = 0;
      }
      int take = (int) Math.min(Math.min(len - n, block.length - blockPos), remaining);
      System.arraycopy(block, blockPos, b, off + n, take);
      blockPos += take;
      remaining -= take;
      n += take;
    }
    return n;
  }
}
