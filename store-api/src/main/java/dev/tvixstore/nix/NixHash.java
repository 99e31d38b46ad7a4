package dev.tvixstore.nix;

import dev.tvixstore.error.InvalidRequestException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A hash as Nix writes it in narinfo files and content addresses: an algorithm and its digest.
 * Parses every form Nix 2.8 accepts ({@code <algo>:} followed by hex, nixbase32 or base64, and SRI
 * {@code <algo>-<base64>}); renders Nix's canonical {@code <algo>:<nixbase32>}. Immutable.
 *
 * @param algorithm the algorithm
 * @param digest the digest, exactly {@code algorithm.length()} bytes
 */
public record NixHash(HashAlgorithm algorithm, byte[] digest) {
  private static final HexFormat HEX = HexFormat.of();

  /**
   * Validates and copies the digest.
   *
   * @throws InvalidRequestException if the digest length does not fit the algorithm
   */
  public NixHash {
    if (algorithm == null) {
      throw new InvalidRequestException("hash algorithm is missing");
    }
    if (digest == null || digest.length != algorithm.length()) {
      throw new InvalidRequestException(
          algorithm.nixName()
              + " digest must be "
              + algorithm.length()
              + " bytes, got "
              + (digest == null ? "none" : digest.length));
    }
    digest = digest.clone();
  }

  /** Wraps 32 SHA-256 bytes. */
  public static NixHash sha256(byte[] digest) {
    return new NixHash(HashAlgorithm.SHA256, digest);
  }

  /** SHA-256 of {@code data}. For streams use {@code HashingInputStream}. */
  public static NixHash sha256Of(byte[] data) {
    return new NixHash(HashAlgorithm.SHA256, HashAlgorithm.SHA256.newMessageDigest().digest(data));
  }

  /**
   * Parses {@code <algo>:<digest>} with the digest in hex, nixbase32 or padded base64 (told apart
   * by length, as Nix does), or SRI {@code <algo>-<base64>}.
   *
   * @throws InvalidRequestException if there is no prefix, the algorithm is unknown, or the digest
   *     has the wrong length or an invalid character
   */
  public static NixHash parseAnyPrefixed(String text) {
    if (text == null) {
      throw new InvalidRequestException("hash is missing");
    }
    int colon = text.indexOf(':');
    if (colon >= 0) {
      return parseUnprefixed(
          text.substring(colon + 1), HashAlgorithm.ofNixName(text.substring(0, colon)));
    }
    int dash = text.indexOf('-');
    if (dash < 0) {
      throw new InvalidRequestException(
          "hash has no '<algo>:' or SRI '<algo>-' prefix: '" + Texts.shorten(text) + "'");
    }
    HashAlgorithm algorithm = HashAlgorithm.ofNixName(text.substring(0, dash));
    String rest = text.substring(dash + 1);
    if (rest.length() != algorithm.base64Length()) {
      throw new InvalidRequestException(
          "SRI "
              + algorithm.nixName()
              + " hash must have "
              + algorithm.base64Length()
              + " base64 characters, got "
              + rest.length());
    }
    return new NixHash(algorithm, decodeBase64(rest, algorithm));
  }

  /**
   * Parses a digest without prefix in hex, nixbase32 or padded base64, chosen by its length.
   *
   * @throws InvalidRequestException if the length fits none of the three forms or a character is
   *     invalid for the form
   */
  public static NixHash parseUnprefixed(String rest, HashAlgorithm algorithm) {
    int len = rest.length();
    if (len == algorithm.base16Length()) {
      try {
        return new NixHash(algorithm, HEX.parseHex(rest));
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException(
            algorithm.nixName() + " hash is not valid hex: '" + Texts.shorten(rest) + "'", e);
      }
    }
    if (len == algorithm.base32Length()) {
      try {
        return new NixHash(algorithm, Nixbase32.decode(rest, algorithm.length()));
      } catch (InvalidRequestException e) {
        throw new InvalidRequestException(
            algorithm.nixName() + " hash is not valid " + e.getMessage(), e);
      }
    }
    if (len == algorithm.base64Length()) {
      return new NixHash(algorithm, decodeBase64(rest, algorithm));
    }
    throw new InvalidRequestException(
        algorithm.nixName()
            + " hash has wrong length "
            + len
            + " (expected "
            + algorithm.base16Length()
            + " hex, "
            + algorithm.base32Length()
            + " nixbase32 or "
            + algorithm.base64Length()
            + " base64 characters)");
  }

  private static byte[] decodeBase64(String s, HashAlgorithm algorithm) {
    byte[] out;
    try {
      out = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          algorithm.nixName() + " hash is not valid base64: '" + Texts.shorten(s) + "'", e);
    }
    if (out.length != algorithm.length()) {
      throw new InvalidRequestException(
          algorithm.nixName()
              + " hash in base64 decodes to "
              + out.length
              + " bytes instead of "
              + algorithm.length());
    }
    return out;
  }

  /** A copy of the digest bytes. */
  @Override
  public byte[] digest() {
    return digest.clone();
  }

  /** The digest in nixbase32, without prefix. */
  public String toNixbase32() {
    return Nixbase32.encode(digest);
  }

  /** The digest in lower-case hex, without prefix. */
  public String toHex() {
    return HEX.formatHex(digest);
  }

  /** {@code <algo>:<nixbase32>}: the form Nix writes in narinfo files and fingerprints. */
  public String toNixbase32Prefixed() {
    return algorithm.nixName() + ":" + toNixbase32();
  }

  /** {@code <algo>:<hex>}: the form Nix hashes into store paths. */
  public String toHexPrefixed() {
    return algorithm.nixName() + ":" + toHex();
  }

  /** SRI form {@code <algo>-<base64>}. */
  public String toSri() {
    return algorithm.nixName() + "-" + Base64.getEncoder().encodeToString(digest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NixHash other
        && algorithm == other.algorithm
        && Arrays.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return 31 * algorithm.hashCode() + Arrays.hashCode(digest);
  }

  /** The canonical form, as {@link #toNixbase32Prefixed()}. */
  @Override
  public String toString() {
    return toNixbase32Prefixed();
  }
}
