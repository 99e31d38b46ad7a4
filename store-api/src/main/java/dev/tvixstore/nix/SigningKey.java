package dev.tvixstore.nix;

import dev.tvixstore.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A Nix secret signing key, in the format of {@code nix-store --generate-binary-cache-key}: {@code
 * <name>:<base64 of 32-byte seed followed by the 32-byte public key>}. Signs narinfo fingerprints
 * with Ed25519, which is deterministic: the same key and fingerprint always give the same
 * signature. Immutable and safe to share between threads; {@link #toString()} hides the secret.
 */
public final class SigningKey {
  private static final int SEED_LENGTH = 32;

  private final String name;
  private final Ed25519PrivateKeyParameters secret;
  private final VerifyingKey verifyingKey;

  private SigningKey(String name, Ed25519PrivateKeyParameters secret) {
    NarSignature.checkKeyName(name);
    this.name = name;
    this.secret = secret;
    this.verifyingKey = new VerifyingKey(name, secret.generatePublicKey().getEncoded());
  }

  /**
   * Parses the content of a Nix secret key file; surrounding white space (a final newline) is
   * ignored.
   *
   * @throws InvalidRequestException if there is no colon, the name is invalid, the base64 is
   *     invalid or not 64 bytes, or the public half does not belong to the seed
   */
  public static SigningKey parse(String text) {
    if (text == null) {
      throw new InvalidRequestException("secret key is missing");
    }
    String s = text.strip();
    int colon = s.indexOf(':');
    if (colon < 0) {
      throw new InvalidRequestException("secret key has no '<name>:' prefix");
    }
    NarSignature.checkKeyName(s.substring(0, colon));
    byte[] key;
    try {
      key = Base64.getDecoder().decode(s.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      // The message of the JDK's exception may quote secret characters: do not keep it.
      throw new InvalidRequestException("secret key is not valid base64");
    }
    try {
      if (key.length != 2 * SEED_LENGTH) {
        throw new InvalidRequestException(
            "secret key must be "
                + 2 * SEED_LENGTH
                + " bytes (seed and public key), got "
                + key.length);
      }
      SigningKey result =
          new SigningKey(s.substring(0, colon), new Ed25519PrivateKeyParameters(key, 0));
      byte[] publicHalf = Arrays.copyOfRange(key, SEED_LENGTH, 2 * SEED_LENGTH);
      if (!Arrays.equals(publicHalf, result.verifyingKey.bytes())) {
        throw new InvalidRequestException("secret key's public half does not match its seed");
      }
      return result;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Generates a fresh key.
   *
   * @throws InvalidRequestException if the name is invalid
   */
  public static SigningKey generate(String name, SecureRandom random) {
    return new SigningKey(name, new Ed25519PrivateKeyParameters(random));
  }

  /** The key name that signatures carry. */
  public String name() {
    return name;
  }

  /** The matching public key. */
  public VerifyingKey verifyingKey() {
    return verifyingKey;
  }

  /** Signs {@code fingerprint} (its UTF-8 bytes), e.g. {@link NarInfo#fingerprint()}. */
  public NarSignature sign(String fingerprint) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, secret);
    byte[] message = fingerprint.getBytes(StandardCharsets.UTF_8);
    signer.update(message, 0, message.length);
    return new NarSignature(name, signer.generateSignature());
  }

  /** The content of Nix's secret key file (without newline). Handle with care. */
  public String renderSecret() {
    byte[] both = new byte[2 * SEED_LENGTH];
    secret.encode(both, 0);
    System.arraycopy(verifyingKey.bytes(), 0, both, SEED_LENGTH, SEED_LENGTH);
    try {
      return name + ":" + Base64.getEncoder().encodeToString(both);
    } finally {
      Arrays.fill(both, (byte) 0);
    }
  }

  /** The content of Nix's public key file (without newline). */
  public String renderPublic() {
    return verifyingKey.render();
  }

  /** Names the key and shows its public half only. */
  @Override
  public String toString() {
    return "SigningKey[" + verifyingKey.render() + "]";
  }
}
