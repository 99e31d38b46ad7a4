package dev.tvixstore.nix;

import dev.tvixstore.testing.Vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tvixstore.error.InvalidRequestException;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Nixbase32Test {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void encodesAndDecodesEveryVectorPair() {
    List<JsonObject> pairs = Vectors.section("nixbase32");
    assertTrue(pairs.size() >= 10, "vectors should list the nixbase32 pairs");
    for (JsonObject p : pairs) {
      String description = p.get("description").getAsString();
      byte[] bytes = HEX.parseHex(p.get("hex").getAsString());
      String nb32 = p.get("nixbase32").getAsString();
      assertEquals(p.get("len").getAsInt(), bytes.length, description);
      assertArrayEquals(
          Base64.getDecoder().decode(p.get("base64").getAsString()), bytes, description);
      assertEquals(nb32, Nixbase32.encode(bytes), description);
      assertEquals(nb32.length(), Nixbase32.encodedLength(bytes.length), description);
      assertArrayEquals(bytes, Nixbase32.decode(nb32, bytes.length), description);
      assertArrayEquals(bytes, Nixbase32.decode(nb32), description);
    }
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "1, 2", "16, 26", "20, 32", "32, 52", "64, 103"})
  void encodedLengthMatchesNix(int bytes, int chars) {
    assertEquals(chars, Nixbase32.encodedLength(bytes));
  }

  @Test
  void randomValuesRoundTrip() {
    long seed = 20261125L;
    Random random = new Random(seed);
    for (int i = 0; i < 500; i++) {
      byte[] bytes = new byte[random.nextInt(70)];
      random.nextBytes(bytes);
      String s = Nixbase32.encode(bytes);
      assertArrayEquals(bytes, Nixbase32.decode(s), "seed " + seed + " iteration " + i);
    }
  }

  @Test
  void rejectsCharactersOutsideTheAlphabetNamingThem() {
    for (char c : new char[] {'e', 'o', 'u', 't', 'A', '-', '\u00e9'}) {
      String s = "1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5" + c;
      InvalidRequestException e =
          assertThrows(InvalidRequestException.class, () -> Nixbase32.decode(s, 32));
      assertTrue(
          e.getMessage().contains("invalid character") && e.getMessage().contains("51"),
          e.getMessage());
    }
  }

  @Test
  void rejectsWrongLengthForTheExpectedBytes() {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> Nixbase32.decode("0000", 20));
    assertEquals("nixbase32: expected 32 characters for 20 bytes, got 4", e.getMessage());
  }

  @Test
  void rejectsLengthsNoEncodingHas() {
    // 2 characters decode to 1 byte, but 1 byte encodes to 2 characters; 3 characters fit no
    // length.
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> Nixbase32.decode("000"));
    assertEquals("nixbase32: 3 is not a valid length", e.getMessage());
  }

  @Test
  void rejectsLeadingDigitThatOverflows() {
    // 52 digits carry 260 bits for 256: the leading digit may only be 0 or 1.
    assertArrayEquals(
        HEX.parseHex("ff".repeat(32)),
        Nixbase32.decode("1zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", 32));
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> Nixbase32.decode("2zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", 32));
    assertTrue(e.getMessage().contains("overflows 32 bytes"), e.getMessage());
  }

  @Test
  void errorMessagesAreDistinct() {
    Set<String> messages = new HashSet<>();
    messages.add(message("000", -1));
    messages.add(message("0000", 20));
    messages.add(message("e".repeat(32), 20));
    messages.add(message("2" + "z".repeat(51), 32));
    assertEquals(4, messages.size(), messages.toString());
  }

  private static String message(String s, int bytes) {
    return assertThrows(
            InvalidRequestException.class,
            () -> {
              if (bytes < 0) {
                Nixbase32.decode(s);
              } else {
                Nixbase32.decode(s, bytes);
              }
            })
        .getMessage();
  }
}
