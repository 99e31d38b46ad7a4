package dev.tvixstore.nix;

import dev.tvixstore.error.InvalidRequestException;

/**
 * Nix's base-32 encoding (alphabet without {@code e o u t}). The bytes are read as one little-endian
 * number and written most significant 5-bit group first, exactly as Nix's {@code printHash32}.
 */
public final class Nixbase32 {
  /** The 32 characters Nix uses, in digit order. */
  public static final String ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz";

  private static final byte[] DIGIT_OF = new byte[128];

  static {
    java.util.Arrays.fill(DIGIT_OF, (byte) -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      DIGIT_OF[ALPHABET.charAt(i)] = (byte) i;
    }
  }

  private Nixbase32() {}

  /** Length of the encoding of {@code byteLength} bytes: 20 -> 32, 32 -> 52. */
  public static int encodedLength(int byteLength) {
    return byteLength == 0 ? 0 : (byteLength * 8 - 1) / 5 + 1;
  }

  /** Number of bytes a valid encoding of {@code charLength} characters decodes to. */
  public static int decodedLength(int charLength) {
    return charLength * 5 / 8;
  }

  /** Encodes {@code bytes} as Nix does. */
  public static String encode(byte[] bytes) {
    int len = encodedLength(bytes.length);
    char[] out = new char[len];
    for (int n = len - 1; n >= 0; n--) {
      int b = n * 5;
      int i = b / 8;
      int j = b % 8;
      int c = (bytes[i] & 0xff) >>> j;
      if (i + 1 < bytes.length) {
        c |= (bytes[i + 1] & 0xff) << (8 - j);
      }
      out[len - 1 - n] = ALPHABET.charAt(c & 0x1f);
    }
    return new String(out);
  }

  /**
   * Decodes a nixbase32 string that must encode exactly {@code expectedBytes} bytes.
   *
   * @throws InvalidRequestException if the length is wrong, a character is outside the alphabet, or
   *     the leading digit carries bits beyond the byte length (a non-canonical encoding)
   */
  public static byte[] decode(CharSequence s, int expectedBytes) {
    if (s.length() != encodedLength(expectedBytes)) {
      throw new InvalidRequestException(
          "nixbase32: expected "
              + encodedLength(expectedBytes)
              + " characters for "
              + expectedBytes
              + " bytes, got "
              + s.length());
    }
    return decode(s);
  }

  /**
   * Decodes any nixbase32 string; the result has {@code decodedLength(s.length())} bytes.
   *
   * @throws InvalidRequestException if a character is outside the alphabet, or the length or the
   *     leading digit cannot come from {@link #encode}
   */
  public static byte[] decode(CharSequence s) {
    int size = decodedLength(s.length());
    if (encodedLength(size) != s.length()) {
      throw new InvalidRequestException("nixbase32: " + s.length() + " is not a valid length");
    }
    byte[] out = new byte[size];
    for (int n = 0; n < s.length(); n++) {
      char c = s.charAt(s.length() - n - 1);
      int digit = c < 128 ? DIGIT_OF[c] : -1;
      if (digit < 0) {
        throw new InvalidRequestException(
            "nixbase32: invalid character '" + printable(c) + "' at position " + (s.length() - n - 1));
      }
      int b = n * 5;
      int i = b / 8;
      int j = b % 8;
      out[i] |= (byte) (digit << j);
      int carry = digit >>> (8 - j);
      if (i < size - 1) {
        out[i + 1] |= (byte) carry;
      } else if (carry != 0) {
        throw new InvalidRequestException("nixbase32: leading digit '" + c + "' overflows " + size + " bytes");
      }
    }
    return out;
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
  }
}
