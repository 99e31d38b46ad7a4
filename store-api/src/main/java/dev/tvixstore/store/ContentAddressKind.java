package dev.tvixstore.store;

import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.HashAlgorithm;

/**
 * How a content-addressed path was hashed: ingestion method and algorithm. The constant names and
 * numbers are those of the wire enum {@code tvix.store.v1.NARInfo.CA.Hash} (DESIGN.md §1), so a
 * converter maps them by name or by {@link #wireNumber()}.
 */
public enum ContentAddressKind {
  /** {@code fixed:r:sha256}: NAR serialisation hashed with SHA-256 ({@code nix-store --add}). */
  NAR_SHA256(0, Method.NAR, HashAlgorithm.SHA256),
  /** {@code fixed:r:sha1}. */
  NAR_SHA1(1, Method.NAR, HashAlgorithm.SHA1),
  /** {@code fixed:r:sha512}. */
  NAR_SHA512(2, Method.NAR, HashAlgorithm.SHA512),
  /** {@code fixed:r:md5}. */
  NAR_MD5(3, Method.NAR, HashAlgorithm.MD5),
  /** {@code text:sha256}: a text file such as {@code builtins.toFile} writes. */
  TEXT_SHA256(4, Method.TEXT, HashAlgorithm.SHA256),
  /** {@code fixed:sha1}: the flat file contents hashed. */
  FLAT_SHA1(5, Method.FLAT, HashAlgorithm.SHA1),
  /** {@code fixed:md5}. */
  FLAT_MD5(6, Method.FLAT, HashAlgorithm.MD5),
  /** {@code fixed:sha256}. */
  FLAT_SHA256(7, Method.FLAT, HashAlgorithm.SHA256),
  /** {@code fixed:sha512}. */
  FLAT_SHA512(8, Method.FLAT, HashAlgorithm.SHA512);

  /** What was hashed. */
  public enum Method {
    /** The file contents, written {@code text:}; may have references, only SHA-256. */
    TEXT,
    /** The file contents, written {@code fixed:}. */
    FLAT,
    /** The NAR serialisation, written {@code fixed:r:}. */
    NAR
  }

  private final int wireNumber;
  private final Method method;
  private final HashAlgorithm algorithm;

  ContentAddressKind(int wireNumber, Method method, HashAlgorithm algorithm) {
    this.wireNumber = wireNumber;
    this.method = method;
    this.algorithm = algorithm;
  }

  /** The number of the constant in {@code NARInfo.CA.Hash}. */
  public int wireNumber() {
    return wireNumber;
  }

  /** The ingestion method. */
  public Method method() {
    return method;
  }

  /** The hash algorithm. */
  public HashAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * The kind for a method and algorithm.
   *
   * @throws InvalidRequestException for {@code TEXT} with anything but SHA-256, which Nix rejects
   */
  public static ContentAddressKind of(Method method, HashAlgorithm algorithm) {
    for (ContentAddressKind k : values()) {
      if (k.method == method && k.algorithm == algorithm) {
        return k;
      }
    }
    throw new InvalidRequestException(
        "text content address must use sha256, not " + algorithm.nixName());
  }

  /**
   * The kind with the given wire number.
   *
   * @throws InvalidRequestException if no constant has that number
   */
  public static ContentAddressKind ofWireNumber(int number) {
    for (ContentAddressKind k : values()) {
      if (k.wireNumber == number) {
        return k;
      }
    }
    throw new InvalidRequestException("unknown content address hash type number " + number);
  }
}
