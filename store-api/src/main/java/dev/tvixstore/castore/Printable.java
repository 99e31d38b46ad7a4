package dev.tvixstore.castore;

/** Renders name and target bytes for error messages: ASCII as is, everything else escaped. */
final class Printable {
  private Printable() {}

  /** Printable ASCII stays, {@code \} and other bytes become {@code \xNN}; quoted. */
  static String of(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length + 2).append('"');
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
        sb.append((char) c);
      } else {
        sb.append("\\x")
            .append(Character.forDigit(c >> 4, 16))
            .append(Character.forDigit(c & 15, 16));
      }
    }
    return sb.append('"').toString();
  }
}
