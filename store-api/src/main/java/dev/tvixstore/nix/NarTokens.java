package dev.tvixstore.nix;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fixed parts of the NAR format, pre-encoded: every string is a u64 little-endian length, the
 * bytes, and zero padding to a multiple of 8. Shared by the writer, the layout and the reader so
 * the three cannot disagree.
 */
final class NarTokens {
  private NarTokens() {}

  static final byte[] ZEROS = new byte[8];

  /** Raw token texts, as the reader compares them. */
  static final byte[] T_MAGIC = ascii("nix-archive-1");
  static final byte[] T_OPEN = ascii("(");
  static final byte[] T_CLOSE = ascii(")");
  static final byte[] T_TYPE = ascii("type");
  static final byte[] T_REGULAR = ascii("regular");
  static final byte[] T_DIRECTORY = ascii("directory");
  static final byte[] T_SYMLINK = ascii("symlink");
  static final byte[] T_EXECUTABLE = ascii("executable");
  static final byte[] T_CONTENTS = ascii("contents");
  static final byte[] T_TARGET = ascii("target");
  static final byte[] T_ENTRY = ascii("entry");
  static final byte[] T_NAME = ascii("name");
  static final byte[] T_NODE = ascii("node");

  /** Longest token the format has ({@code nix-archive-1}); a longer one is never expected. */
  static final int MAX_TOKEN_LENGTH = 16;

  /** Encoded sequences, as the writer emits them. */
  static final byte[] MAGIC = encode(T_MAGIC);
  static final byte[] OPEN_REGULAR = encode(T_OPEN, T_TYPE, T_REGULAR);
  static final byte[] EXECUTABLE = encode(T_EXECUTABLE, new byte[0]);
  static final byte[] CONTENTS = encode(T_CONTENTS);
  static final byte[] OPEN_SYMLINK_TARGET = encode(T_OPEN, T_TYPE, T_SYMLINK, T_TARGET);
  static final byte[] OPEN_DIRECTORY = encode(T_OPEN, T_TYPE, T_DIRECTORY);
  static final byte[] ENTRY_NAME = encode(T_ENTRY, T_OPEN, T_NAME);
  static final byte[] NODE = encode(T_NODE);
  static final byte[] CLOSE = encode(T_CLOSE);

  /** Zero bytes after a string or contents of {@code length} bytes. */
  static int padding(long length) {
    return (int) (-length & 7);
  }

  /** Writes {@code value} little-endian into {@code dst} at {@code off}. */
  static void putU64(byte[] dst, int off, long value) {
    for (int i = 0; i < 8; i++) {
      dst[off + i] = (byte) (value >>> (8 * i));
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] encode(byte[]... strings) {
    int total = 0;
    for (byte[] s : strings) {
      total += 8 + s.length + padding(s.length);
    }
    byte[] out = new byte[total];
    int off = 0;
    for (byte[] s : strings) {
      putU64(out, off, s.length);
      System.arraycopy(s, 0, out, off + 8, s.length);
      off += 8 + s.length + padding(s.length);
    }
    return out;
  }

  /** For messages: the token text. */
  static String text(byte[] token, int length) {
    return new String(Arrays.copyOf(token, length), StandardCharsets.ISO_8859_1);
  }
}
