package dev.tvixstore.nix;

import dev.tvixstore.testing.Vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tvixstore.error.InvalidRequestException;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SigningKeyTest {
  private static final String SK_TEXT = Vectors.text("keys/test-cache-1.sk");
  private static final String PK_TEXT = Vectors.text("keys/test-cache-1.pk");
  private static final SigningKey SK = SigningKey.parse(SK_TEXT);
  private static final VerifyingKey PK = VerifyingKey.parse(PK_TEXT);

  @Test
  void vectorKeyFilesParseAndRenderIdentically() {
    assertEquals("test-cache-1", SK.name());
    assertEquals(SK_TEXT, SK.renderSecret());
    assertEquals(PK_TEXT, SK.renderPublic());
    assertEquals(PK, SK.verifyingKey());
    assertEquals(Vectors.index().get("public_key").getAsString(), PK.render());
  }

  @Test
  void resigningEveryVectorFingerprintGivesNixsSignature() {
    for (JsonObject c : Vectors.cases()) {
      String fingerprint = c.get("fingerprint").getAsString();
      assertEquals(
          Vectors.strings(c, "signatures").get(0),
          SK.sign(fingerprint).render(),
          c.get("id").getAsString());
    }
  }

  @Test
  void everyVectorSignatureVerifiesWithTheVectorPublicKey() {
    for (JsonObject c : Vectors.cases()) {
      NarSignature sig = NarSignature.parse(Vectors.strings(c, "signatures").get(0));
      assertTrue(PK.verify(c.get("fingerprint").getAsString(), sig), c.get("id").getAsString());
    }
  }

  @Test
  void tamperedFingerprintFailsVerification() {
    JsonObject c = Vectors.caseById("with-refs");
    NarSignature sig = NarSignature.parse(Vectors.strings(c, "signatures").get(0));
    String fingerprint = c.get("fingerprint").getAsString();
    assertFalse(PK.verify(fingerprint.replace(";248;", ";249;"), sig));
    assertFalse(PK.verify(fingerprint.substring(0, fingerprint.lastIndexOf(',')), sig));
  }

  @Test
  void wrongKeyFailsVerification() {
    JsonObject c = Vectors.caseById("regular-file");
    NarSignature sig = NarSignature.parse(Vectors.strings(c, "signatures").get(0));
    VerifyingKey other = SigningKey.generate("test-cache-1", new SecureRandom()).verifyingKey();
    assertFalse(other.verify(c.get("fingerprint").getAsString(), sig));
  }

  @Test
  void signatureUnderAnotherKeyNameFailsVerification() {
    JsonObject c = Vectors.caseById("regular-file");
    NarSignature sig = NarSignature.parse(Vectors.strings(c, "signatures").get(0));
    NarSignature renamed = new NarSignature("test-cache-2", sig.bytes());
    assertFalse(PK.verify(c.get("fingerprint").getAsString(), renamed));
  }

  @Test
  void flippedSignatureBitFailsVerification() {
    JsonObject c = Vectors.caseById("regular-file");
    byte[] bytes = NarSignature.parse(Vectors.strings(c, "signatures").get(0)).bytes();
    bytes[10] ^= 0x01;
    assertFalse(
        PK.verify(c.get("fingerprint").getAsString(), new NarSignature("test-cache-1", bytes)));
  }

  @Test
  void generatedKeyRoundTripsThroughItsFiles() {
    SigningKey key = SigningKey.generate("my-cache-1", new SecureRandom());
    SigningKey reread = SigningKey.parse(key.renderSecret() + "\n");
    VerifyingKey pk = VerifyingKey.parse(key.renderPublic() + "\n");
    assertEquals(key.verifyingKey(), reread.verifyingKey());
    assertEquals(key.verifyingKey(), pk);
    String fingerprint =
        "1;/nix/store/ykl8ndfz01jfxgff2511vynh00rbp7ai-x;sha256:" + "0".repeat(52) + ";1;";
    NarSignature sig = key.sign(fingerprint);
    assertEquals(sig, reread.sign(fingerprint));
    assertTrue(pk.verify(fingerprint, sig));
    assertFalse(PK.verify(fingerprint, new NarSignature("test-cache-1", sig.bytes())));
    assertNotEquals(
        key.verifyingKey(), SigningKey.generate("my-cache-1", new SecureRandom()).verifyingKey());
  }

  @Test
  void toStringShowsOnlyThePublicHalf() {
    String secretBase64 = SK_TEXT.substring(SK_TEXT.indexOf(':') + 1, SK_TEXT.indexOf(':') + 40);
    assertFalse(SK.toString().contains(secretBase64));
    assertEquals("SigningKey[" + PK_TEXT + "]", SK.toString());
  }

  @Test
  void rejectsSecretKeyWhosePublicHalfDoesNotMatch() {
    byte[] both = Base64.getDecoder().decode(SK_TEXT.substring(SK_TEXT.indexOf(':') + 1));
    both[40] ^= 1;
    String text = "test-cache-1:" + Base64.getEncoder().encodeToString(both);
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> SigningKey.parse(text));
    assertEquals("secret key's public half does not match its seed", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no colon       | abc                          | secret key has no '<name>:' prefix",
        "empty name     | :AAAA                        | key name is empty",
        "space in name  | a b:AAAA                     | key name has invalid character ' ' at"
            + " position 1: 'a b'",
        "not base64     | k:!!!!                       | secret key is not valid base64",
        "only public    | k:6exz6ruaCMSoY9D4ZAhpgh2JPpMUm/au5UQppznudeE= | secret key must be 64"
            + " bytes (seed and public key), got 32",
      })
  void rejectsMalformedSecretKeys(String why, String text, String message) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> SigningKey.parse(text));
    assertEquals(message, e.getMessage(), why);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no colon      | abc                                              | public key has no"
            + " '<name>:' prefix",
        "empty name    | :6exz6ruaCMSoY9D4ZAhpgh2JPpMUm/au5UQppznudeE=    | key name is empty",
        "not base64    | k:6exz6ruaCMSoY9D4ZAhpgh2JPpMUm/au5UQppznude*=   | public key is not valid"
            + " base64",
        "too short     | k:AAAA                                           | public key must be 32"
            + " bytes, got 3",
        "not a point   | k:AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=   | public key is not a"
            + " valid Ed25519 point",
      })
  void rejectsMalformedPublicKeys(String why, String text, String message) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> VerifyingKey.parse(text));
    assertEquals(message, e.getMessage(), why);
  }

  @Test
  void rejectsInvalidNameWhenGenerating() {
    assertThrows(
        InvalidRequestException.class, () -> SigningKey.generate("a:b", new SecureRandom()));
  }
}
