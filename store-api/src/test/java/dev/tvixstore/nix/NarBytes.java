package dev.tvixstore.nix;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes NAR-shaped bytes by hand, including wrong ones, for reader tests. */
final class NarBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Starts with the magic string. */
  static NarBytes nar() {
    return new NarBytes().s("nix-archive-1");
  }

  /** Starts with nothing. */
  static NarBytes raw() {
    return new NarBytes();
  }

  /** Padded strings, in order. */
  NarBytes s(String... strings) {
    for (String str : strings) {
      bytes(str.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  /** One padded string of these bytes. */
  NarBytes bytes(byte[] b) {
    u64(b.length);
    out.writeBytes(b);
    out.writeBytes(new byte[-b.length & 7]);
    return this;
  }

  /** A little-endian u64. */
  NarBytes u64(long v) {
    for (int i = 0; i < 8; i++) {
      out.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  /** Bytes as they are, no length, no padding. */
  NarBytes plain(byte... b) {
    out.writeBytes(b);
    return this;
  }

  /** A regular file node with these contents. */
  NarBytes file(String contents) {
    return s("(", "type", "regular", "contents").s(contents).s(")");
  }

  /** {@code entry ( name <name> node} - the node and two closing parens follow. */
  NarBytes entry(String name) {
    return s("entry", "(", "name", name, "node");
  }

  byte[] build() {
    return out.toByteArray();
  }
}
