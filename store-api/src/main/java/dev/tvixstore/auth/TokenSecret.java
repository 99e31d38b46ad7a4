package dev.tvixstore.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A token's secret: {@value #PREFIX} and 256 random bits in unpadded base64url, 47 characters in
 * all. The prefix lets secret scanners and people recognise one. It is stored only as its
 * {@link #hash}: a plain SHA-256 suffices for 256 random bits (nothing to guess from, unlike a
 * password), and keeps each check to one indexed lookup.
 */
public final class TokenSecret {

  /** What every secret starts with. */
  public static final String PREFIX = "tvs_";

  private static final int RANDOM_BYTES = 32;

  private final String text;

  private TokenSecret(String text) {
    this.text = text;
  }

  /** A fresh secret from {@code random}. */
  public static TokenSecret generate(SecureRandom random) {
    byte[] bits = new byte[RANDOM_BYTES];
    random.nextBytes(bits);
    return new TokenSecret(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits));
  }

  /**
   * The SHA-256 of what a client presented as a secret, whatever its form: a malformed one simply
   * matches no stored hash.
   */
  public static byte[] hash(String presented) {
    Objects.requireNonNull(presented, "presented");
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(presented.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** This secret's hash, as stored. */
  public byte[] hash() {
    return hash(text);
  }

  /** The secret in clear, to show its owner once or write to a 0600 file. */
  public String reveal() {
    return text;
  }

  /** Never the secret: this ends up in logs. */
  @Override
  public String toString() {
    return PREFIX + "…";
  }
}
