package dev.tvixstore.nix;

import dev.tvixstore.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A Nix public signing key, in Nix's file and {@code trusted-public-keys} form {@code
 * <name>:<base64 of 32 bytes>}. Verifies narinfo signatures made by the matching {@link
 * SigningKey}. Immutable.
 *
 * @param name the key name, which signatures carry before their colon
 * @param bytes the 32-byte Ed25519 public key
 */
public record VerifyingKey(String name, byte[] bytes) {
  /** Length of an Ed25519 public key in bytes. */
  public static final int LENGTH = 32;

  /**
   * Validates and copies.
   *
   * @throws InvalidRequestException if the name is invalid, or the key is not 32 bytes or not a
   *     valid Ed25519 point
   */
  public VerifyingKey {
    NarSignature.checkKeyName(name);
    if (bytes == null || bytes.length != LENGTH) {
      throw new InvalidRequestException(
          "public key must be "
              + LENGTH
              + " bytes, got "
              + (bytes == null ? "none" : bytes.length));
    }
    bytes = bytes.clone();
    params(bytes);
  }

  /**
   * Parses {@code <name>:<base64>}; surrounding white space (a file's final newline) is ignored.
   *
   * @throws InvalidRequestException if there is no colon, the name is invalid, or the base64 is
   *     invalid or not 32 bytes
   */
  public static VerifyingKey parse(String text) {
    if (text == null) {
      throw new InvalidRequestException("public key is missing");
    }
    String s = text.strip();
    int colon = s.indexOf(':');
    if (colon < 0) {
      throw new InvalidRequestException("public key has no '<name>:' prefix");
    }
    NarSignature.checkKeyName(s.substring(0, colon));
    byte[] key;
    try {
      key = Base64.getDecoder().decode(s.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("public key is not valid base64", e);
    }
    return new VerifyingKey(s.substring(0, colon), key);
  }

  /**
   * Whether {@code signature} is this key's valid signature of {@code fingerprint}. A signature
   * carrying another key name is not (as in Nix, which looks keys up by name).
   */
  public boolean verify(String fingerprint, NarSignature signature) {
    if (!name.equals(signature.keyName())) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, params(bytes));
    byte[] message = fingerprint.getBytes(StandardCharsets.UTF_8);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature.bytes());
  }

  /** A copy of the 32 key bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** {@code <name>:<base64>}, the content of Nix's public key file (without newline). */
  public String render() {
    return name + ":" + Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifyingKey other
        && name.equals(other.name)
        && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(bytes);
  }

  /** As {@link #render()}: a public key is no secret. */
  @Override
  public String toString() {
    return render();
  }

  private static Ed25519PublicKeyParameters params(byte[] key) {
    try {
      return new Ed25519PublicKeyParameters(key, 0);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("public key is not a valid Ed25519 point", e);
    }
  }
}
