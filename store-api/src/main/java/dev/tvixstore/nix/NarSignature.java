package dev.tvixstore.nix;

import dev.tvixstore.error.InvalidRequestException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A detached Ed25519 signature of a narinfo fingerprint, written {@code <key name>:<base64>} in a
 * narinfo's {@code Sig} field. Immutable; the array is copied in and out. Ordered by its text,
 * which is how Nix orders a path's signatures.
 *
 * @param keyName the name of the signing key, e.g. {@code cache.nixos.org-1}
 * @param bytes the 64 signature bytes
 */
public record NarSignature(String keyName, byte[] bytes) implements Comparable<NarSignature> {
  /** Length of an Ed25519 signature in bytes. */
  public static final int LENGTH = 64;

  private static final int BASE64_LENGTH = 88;

  /**
   * Validates and copies.
   *
   * @throws InvalidRequestException if the key name is invalid or the signature is not 64 bytes
   */
  public NarSignature {
    checkKeyName(keyName);
    if (bytes == null || bytes.length != LENGTH) {
      throw new InvalidRequestException(
          "signature must be " + LENGTH + " bytes, got " + (bytes == null ? "none" : bytes.length));
    }
    bytes = bytes.clone();
  }

  /**
   * Parses {@code <key name>:<base64 of 64 bytes>}; the base64 must be canonical (padded, as Nix
   * writes it), so that rendering gives back the same text.
   *
   * @throws InvalidRequestException naming the broken part: the separator, the key name, the
   *     length, the alphabet or a non-canonical encoding
   */
  public static NarSignature parse(String text) {
    if (text == null) {
      throw new InvalidRequestException("signature is missing");
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new InvalidRequestException(
          "signature has no '<key name>:' prefix: '" + Texts.shorten(text) + "'");
    }
    String name = text.substring(0, colon);
    checkKeyName(name);
    String b64 = text.substring(colon + 1);
    if (b64.length() != BASE64_LENGTH) {
      throw new InvalidRequestException(
          "signature of key '"
              + name
              + "' must be "
              + BASE64_LENGTH
              + " base64 characters, got "
              + b64.length());
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "signature of key '" + name + "' is not valid base64: '" + Texts.shorten(b64) + "'", e);
    }
    if (bytes.length != LENGTH || !Base64.getEncoder().encodeToString(bytes).equals(b64)) {
      throw new InvalidRequestException(
          "signature of key '" + name + "' is not canonical base64 of 64 bytes");
    }
    return new NarSignature(name, bytes);
  }

  /**
   * Checks a key name as used in signatures and key files: not empty, printable ASCII, no space and
   * no {@code :} (Nix splits at the first colon).
   *
   * @throws InvalidRequestException if the name breaks one of those rules
   */
  public static void checkKeyName(String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidRequestException("key name is empty");
    }
    if (name.length() > 256) {
      throw new InvalidRequestException("key name is longer than 256 characters: " + name.length());
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == ':') {
        throw new InvalidRequestException(
            "key name has invalid character '"
                + Texts.printable(c)
                + "' at position "
                + i
                + ": '"
                + Texts.shorten(name)
                + "'");
      }
    }
  }

  /** A copy of the 64 signature bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** {@code <key name>:<base64>}, as in a narinfo's {@code Sig} field. */
  public String render() {
    return keyName + ":" + Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NarSignature other
        && keyName.equals(other.keyName)
        && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * keyName.hashCode() + Arrays.hashCode(bytes);
  }

  /** Nix keeps signatures in a set of strings: the order is that of {@link #render()}. */
  @Override
  public int compareTo(NarSignature o) {
    return render().compareTo(o.render());
  }

  /** As {@link #render()}. */
  @Override
  public String toString() {
    return render();
  }
}
