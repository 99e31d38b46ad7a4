package dev.tvixstore.nix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.error.InvalidRequestException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class NarSignatureTest {
  private static final String SIG =
      "test-cache-1:Z8a78bzZI2uzoZiUT5LBjULkBdEoNCXWM2+P9FGeA1tYW9/tGLljHHX+XmSpgsobAky3jl40IVWH0uDccdZKAA==";

  @Test
  void parsesAndRendersNixsForm() {
    NarSignature s = NarSignature.parse(SIG);
    assertEquals("test-cache-1", s.keyName());
    assertArrayEquals(Base64.getDecoder().decode(SIG.substring(13)), s.bytes());
    assertEquals(SIG, s.render());
    assertEquals(SIG, s.toString());
  }

  @Test
  void rejectsWrongLengthWhenBuilt() {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> new NarSignature("k", new byte[63]));
    assertEquals("signature must be 64 bytes, got 63", e.getMessage());
  }

  @Test
  void rejectsOverlongKeyName() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class, () -> NarSignature.checkKeyName("k".repeat(257)));
    assertEquals("key name is longer than 256 characters: 257", e.getMessage());
  }

  @Test
  void rejectsNonAsciiKeyName() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> NarSignature.parse("k\u00e9y:" + SIG.substring(13)));
    assertEquals(
        "key name has invalid character '\\u00e9' at position 1: 'k\\u00e9y'", e.getMessage());
  }

  @Test
  void equalityIsByValueAndOrderByText() {
    NarSignature a = NarSignature.parse(SIG);
    NarSignature b = NarSignature.parse(SIG);
    NarSignature other = NarSignature.parse("a" + SIG);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertTrue(other.compareTo(a) < 0);
  }

  @Test
  void bytesAreCopied() {
    byte[] bytes = new byte[64];
    NarSignature s = new NarSignature("k", bytes);
    bytes[0] = 1;
    s.bytes()[1] = 1;
    assertArrayEquals(new byte[64], s.bytes());
  }
}
