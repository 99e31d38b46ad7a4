package dev.tvixstore.nix;

import dev.tvixstore.error.InvalidRequestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The hash algorithms Nix names in hashes and content addresses, with their Nix spelling. */
public enum HashAlgorithm {
  /** MD5, 16 bytes. */
  MD5("md5", 16, "MD5"),
  /** SHA-1, 20 bytes. */
  SHA1("sha1", 20, "SHA-1"),
  /** SHA-256, 32 bytes: the only algorithm of NAR hashes and store path hashing. */
  SHA256("sha256", 32, "SHA-256"),
  /** SHA-512, 64 bytes. */
  SHA512("sha512", 64, "SHA-512");

  private final String nixName;
  private final int length;
  private final String jdkName;

  HashAlgorithm(String nixName, int length, String jdkName) {
    this.nixName = nixName;
    this.length = length;
    this.jdkName = jdkName;
  }

  /** The name Nix writes before the {@code :}, e.g. {@code sha256}. */
  public String nixName() {
    return nixName;
  }

  /** Digest length in bytes. */
  public int length() {
    return length;
  }

  /** Length of the lower-case hex form. */
  public int base16Length() {
    return length * 2;
  }

  /** Length of the nixbase32 form. */
  public int base32Length() {
    return Nixbase32.encodedLength(length);
  }

  /** Length of the padded base64 form. */
  public int base64Length() {
    return (length + 2) / 3 * 4;
  }

  /** A fresh JDK digest for this algorithm. */
  public MessageDigest newMessageDigest() {
    try {
      return MessageDigest.getInstance(jdkName);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide MD5, SHA-1 and SHA-256; SHA-512 ships with every JDK.
      throw new IllegalStateException("JDK lacks " + jdkName, e);
    }
  }

  /**
   * The algorithm Nix calls {@code name}.
   *
   * @throws InvalidRequestException if Nix knows no such algorithm
   */
  public static HashAlgorithm ofNixName(String name) {
    for (HashAlgorithm a : values()) {
      if (a.nixName.equals(name)) {
        return a;
      }
    }
    throw new InvalidRequestException(
        "unknown hash algorithm '"
            + Texts.shorten(name)
            + "' (expected md5, sha1, sha256 or sha512)");
  }
}
