package dev.tvixstore.nix;

import dev.tvixstore.testing.Vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import dev.tvixstore.error.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NixHashTest {
  @Test
  void everyVectorPairParsesInAllFormsToTheSameHash() {
    for (JsonObject p : Vectors.section("nixbase32")) {
      HashAlgorithm algorithm = HashAlgorithm.ofNixName(p.get("type").getAsString());
      String hex = p.get("hex").getAsString();
      NixHash expected = NixHash.parseUnprefixed(hex, algorithm);
      String name = algorithm.nixName();
      assertEquals(expected, NixHash.parseAnyPrefixed(name + ":" + hex.toUpperCase()));
      assertEquals(
          expected, NixHash.parseAnyPrefixed(name + ":" + p.get("nixbase32").getAsString()));
      assertEquals(expected, NixHash.parseAnyPrefixed(name + ":" + p.get("base64").getAsString()));
      assertEquals(expected, NixHash.parseAnyPrefixed(name + "-" + p.get("base64").getAsString()));
      assertEquals(name + ":" + p.get("nixbase32").getAsString(), expected.toString());
      assertEquals(name + ":" + hex, expected.toHexPrefixed());
      assertEquals(name + "-" + p.get("base64").getAsString(), expected.toSri());
    }
  }

  @Test
  void sha256OfMatchesTheVector() {
    assertEquals(
        "sha256:1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s",
        NixHash.sha256Of("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no prefix       | 1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s | hash has no"
            + " '<algo>:' or SRI '<algo>-' prefix:"
            + " '1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s'",
        "SRI not base64  | sha256-1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s | SRI sha256"
            + " hash must have 44 base64 characters, got 52",
        "base64 garbage  | sha256:ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAF*0= | sha256 hash is not"
            + " valid base64: 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAF*0='",
        "base64 short    | sha256:ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa== | sha256 hash in"
            + " base64 decodes to 31 bytes instead of 32",
        "leading digit   | sha256:2zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz | sha256"
            + " hash is not valid nixbase32: leading digit '2' overflows 32 bytes",
        "unknown algo    | sha3:abc | unknown hash algorithm 'sha3' (expected md5, sha1, sha256 or"
            + " sha512)",
      })
  void rejectsMalformedHashes(String why, String text, String message) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> NixHash.parseAnyPrefixed(text));
    assertEquals(message, e.getMessage(), why);
  }

  @Test
  void rejectsDigestOfWrongLength() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class, () -> new NixHash(HashAlgorithm.MD5, new byte[20]));
    assertEquals("md5 digest must be 16 bytes, got 20", e.getMessage());
  }
}
