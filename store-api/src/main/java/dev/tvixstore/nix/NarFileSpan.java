package dev.tvixstore.nix;

import dev.tvixstore.castore.B3Digest;
import java.util.Objects;

/**
 * Where one file's contents lie in a NAR: bytes {@code [offset, offset + length)} are the blob
 * {@code digest}. What an HTTP Range request over a NAR is answered from.
 *
 * @param offset position of the first content byte from the start of the NAR
 * @param length number of content bytes (the file's size), padding not included
 * @param digest the blob holding them
 */
public record NarFileSpan(long offset, long length, B3Digest digest) {
  /** Requires a non-negative offset and length and a digest. */
  public NarFileSpan {
    Objects.requireNonNull(digest, "digest");
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
    }
  }
}
