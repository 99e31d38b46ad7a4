package dev.tvixstore.nix;

/** Helpers for echoing untrusted text in error messages: short and printable. */
public final class Texts {
  private static final int MAX_ECHO = 200;

  private Texts() {}

  /** {@code s} with non-printable characters escaped and cut after 200 characters. */
  public static String shorten(CharSequence s) {
    if (s == null) {
      return "(none)";
    }
    StringBuilder b = new StringBuilder();
    int limit = Math.min(s.length(), MAX_ECHO);
    for (int i = 0; i < limit; i++) {
      b.append(printable(s.charAt(i)));
    }
    return s.length() > limit ? b.append("...").toString() : b.toString();
  }

  /** One character, escaped as {@code \\uXXXX} unless printable ASCII. */
  public static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
  }
}
