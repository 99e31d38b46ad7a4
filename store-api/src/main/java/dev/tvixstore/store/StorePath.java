package dev.tvixstore.store;

import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.Nixbase32;
import dev.tvixstore.nix.Texts;
import java.util.Arrays;

/**
 * A Nix store path: a 20-byte digest and a name, written {@code <32 nixbase32 chars>-<name>}
 * (DESIGN.md §3). The name is 1 to 211 characters of {@code A-Za-z0-9+-._?=} and does not start
 * with {@code .}. Immutable; the digest array is copied in and out. Ordered like Nix orders store
 * paths: by basename.
 *
 * @param digest the 20 digest bytes (the hash part decoded)
 * @param name the name after the {@code -}
 */
public record StorePath(byte[] digest, String name) implements Comparable<StorePath> {
  /** Length of the digest in bytes. */
  public static final int DIGEST_LENGTH = 20;

  /** Length of the nixbase32 hash part: 32. */
  public static final int HASH_PART_LENGTH = Nixbase32.encodedLength(DIGEST_LENGTH);

  /** Longest name Nix accepts (its {@code StorePath::MaxPathLen}). */
  public static final int MAX_NAME_LENGTH = 211;

  /**
   * Validates and copies the parts.
   *
   * @throws InvalidRequestException if the digest is not 20 bytes or the name breaks a rule
   */
  public StorePath {
    if (digest == null || digest.length != DIGEST_LENGTH) {
      throw new InvalidRequestException(
          "store path digest must be "
              + DIGEST_LENGTH
              + " bytes, got "
              + (digest == null ? "none" : digest.length));
    }
    digest = digest.clone();
    checkName(name);
  }

  /** Wraps a digest and a name; same as the constructor. */
  public static StorePath of(byte[] digest, String name) {
    return new StorePath(digest, name);
  }

  /**
   * Parses a basename {@code <hash part>-<name>}.
   *
   * @throws InvalidRequestException naming the first rule the text breaks: too short, no {@code -}
   *     after the hash part, a character outside nixbase32 in the hash part, or a bad name
   */
  public static StorePath parse(String basename) {
    if (basename == null) {
      throw new InvalidRequestException("store path basename is missing");
    }
    if (basename.length() < HASH_PART_LENGTH + 2) {
      throw new InvalidRequestException(
          "store path basename is too short ("
              + basename.length()
              + " characters): "
              + quote(basename));
    }
    if (basename.charAt(HASH_PART_LENGTH) != '-') {
      throw new InvalidRequestException(
          "store path basename has no '-' after the "
              + HASH_PART_LENGTH
              + "-character hash part: "
              + quote(basename));
    }
    String hashPart = basename.substring(0, HASH_PART_LENGTH);
    for (int i = 0; i < HASH_PART_LENGTH; i++) {
      char c = hashPart.charAt(i);
      if (Nixbase32.ALPHABET.indexOf(c) < 0) {
        throw new InvalidRequestException(
            "store path hash part has invalid character '"
                + printable(c)
                + "' at position "
                + i
                + ": "
                + quote(basename));
      }
    }
    // 32 digits carry exactly 160 bits, so decoding cannot overflow here.
    return new StorePath(
        Nixbase32.decode(hashPart, DIGEST_LENGTH), basename.substring(HASH_PART_LENGTH + 1));
  }

  /**
   * Parses an absolute path {@code /nix/store/<basename>}; nothing may follow the basename.
   *
   * @throws InvalidRequestException if the path is not directly in {@code /nix/store} or the
   *     basename is invalid (see {@link #parse})
   */
  public static StorePath parseAbsolute(String path) {
    if (path == null || !path.startsWith(StoreDir.PREFIX)) {
      throw new InvalidRequestException(
          "store path must start with " + StoreDir.PREFIX + ": " + quote(path));
    }
    String basename = path.substring(StoreDir.PREFIX.length());
    if (basename.indexOf('/') >= 0) {
      throw new InvalidRequestException(
          "store path must be directly in " + StoreDir.PATH + ", not below it: " + quote(path));
    }
    return parse(basename);
  }

  /**
   * Checks a store path name on its own.
   *
   * @throws InvalidRequestException if the name is empty, longer than 211 characters, starts with
   *     {@code .} or contains a character outside {@code A-Za-z0-9+-._?=}
   */
  public static void checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidRequestException("store path name is empty");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InvalidRequestException(
          "store path name is longer than " + MAX_NAME_LENGTH + " characters: " + name.length());
    }
    if (name.charAt(0) == '.') {
      throw new InvalidRequestException("store path name starts with '.': " + quote(name));
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isNameChar(c)) {
        throw new InvalidRequestException(
            "store path name has invalid character '"
                + printable(c)
                + "' at position "
                + i
                + ": "
                + quote(name));
      }
    }
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '?'
        || c == '=';
  }

  /** A copy of the 20 digest bytes. */
  @Override
  public byte[] digest() {
    return digest.clone();
  }

  /** The 32-character nixbase32 hash part. */
  public String hashPart() {
    return Nixbase32.encode(digest);
  }

  /** {@code <hash part>-<name>}. */
  public String toBasename() {
    return hashPart() + "-" + name;
  }

  /** {@code /nix/store/<hash part>-<name>}. */
  public String toAbsolutePath() {
    return StoreDir.PREFIX + toBasename();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StorePath other
        && Arrays.equals(digest, other.digest)
        && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(digest) + name.hashCode();
  }

  /** Nix's order: by basename, that is by hash part, then by name. */
  @Override
  public int compareTo(StorePath o) {
    // The alphabet is in ASCII order and the hash part writes the digest as a little-endian
    // number, most significant digit first: comparing the digests from the last byte down,
    // unsigned, orders exactly like comparing hash parts, without encoding them.
    for (int i = DIGEST_LENGTH - 1; i >= 0; i--) {
      int c = Integer.compare(digest[i] & 0xff, o.digest[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return name.compareTo(o.name);
  }

  /** The basename, as {@link #toBasename()}. */
  @Override
  public String toString() {
    return toBasename();
  }

  private static String quote(String s) {
    return s == null ? "(none)" : "'" + Texts.shorten(s) + "'";
  }

  private static String printable(char c) {
    return Texts.printable(c);
  }
}
