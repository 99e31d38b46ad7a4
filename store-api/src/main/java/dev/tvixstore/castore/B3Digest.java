package dev.tvixstore.castore;

import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.Nixbase32;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A BLAKE3 digest: exactly 32 bytes. The identity of every blob, chunk and directory (DESIGN.md §2).
 * Immutable; the array is copied in and out.
 */
public final class B3Digest implements Comparable<B3Digest> {
  /** Length of a BLAKE3 digest in bytes. */
  public static final int LENGTH = 32;

  private static final HexFormat HEX = HexFormat.of();

  /** BLAKE3 of no bytes: the empty blob, and also the empty Directory (it encodes to no bytes). */
  public static final B3Digest EMPTY = hash(new byte[0]);

  private final byte[] bytes;

  private B3Digest(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps 32 digest bytes.
   *
   * @throws InvalidRequestException if {@code bytes} is not exactly 32 bytes long
   */
  public static B3Digest of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new InvalidRequestException(
          "digest must be " + LENGTH + " bytes, got " + (bytes == null ? "none" : bytes.length));
    }
    return new B3Digest(bytes.clone());
  }

  /** Wraps 32 digest bytes that nobody else holds, without copying them. */
  static B3Digest wrap(byte[] bytes) {
    return new B3Digest(bytes);
  }

  /**
   * Parses 64 lower- or upper-case hex characters.
   *
   * @throws InvalidRequestException if the text is not 64 hex characters
   */
  public static B3Digest fromHex(String hex) {
    if (hex.length() != LENGTH * 2) {
      throw new InvalidRequestException("hex digest must be 64 characters, got " + hex.length());
    }
    try {
      return new B3Digest(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("hex digest is not hex: " + hex, e);
    }
  }

  /** BLAKE3 of {@code data}. For streams use {@link #newHasher()}. */
  public static B3Digest hash(byte[] data) {
    return Blake3.hash(data);
  }

  /** A fresh BLAKE3 hasher, the same as {@code new Blake3()}. */
  public static Blake3 newHasher() {
    return new Blake3();
  }

  /**
   * The digest of the bytes {@code hasher} has taken; the hasher is reset, ready for the next
   * input. ({@link Blake3#digest()} alone leaves it as it is.)
   */
  public static B3Digest finish(Blake3 hasher) {
    B3Digest digest = hasher.digest();
    hasher.reset();
    return digest;
  }

  /** A copy of the 32 bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Lower-case hex, 64 characters: the form used in chunk file names and logs. */
  public String toHex() {
    return HEX.formatHex(bytes);
  }

  /** Nixbase32, 52 characters. */
  public String toNixbase32() {
    return Nixbase32.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof B3Digest other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    // The bytes are uniformly distributed: the first four are as good a hash as any.
    return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
  }

  @Override
  public int compareTo(B3Digest o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  /** Hex, as {@link #toHex()}. */
  @Override
  public String toString() {
    return toHex();
  }
}
