package dev.tvixstore.nix;

import static dev.tvixstore.nix.NarBytes.nar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tvixstore.nix.InvalidNarException.Reason;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per way a NAR can be wrong: the bytes and the exact {@link Reason} they must give. */
class NarReaderRejectsTest {
  private static final byte[] VALID_FILE = nar().file("hello").build();

  private static NarBytes dirWith() {
    return nar().s("(", "type", "directory");
  }

  private static byte[] nested(int depth) {
    NarBytes b = nar();
    for (int i = 0; i < depth; i++) {
      b.s("(", "type", "directory").entry("d");
    }
    b.file("x");
    for (int i = 0; i < depth; i++) {
      b.s(")", ")");
    }
    return b.build();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        row(Reason.BAD_MAGIC, "other version", NarBytes.raw().s("nix-archive-2").file("").build()),
        row(Reason.BAD_MAGIC, "short token", NarBytes.raw().s("(").build()),
        row(Reason.UNEXPECTED_TOKEN, "[ for (", nar().s("[", "type", "regular").build()),
        row(Reason.UNEXPECTED_TOKEN, "unknown type", nar().s("(", "type", "fifo", ")").build()),
        row(Reason.UNEXPECTED_TOKEN, "executable after contents",
            nar().s("(", "type", "regular", "contents", "x", "executable", "", ")").build()),
        row(Reason.UNEXPECTED_TOKEN, "executable with a value",
            nar().s("(", "type", "regular", "executable", "1", "contents", "x", ")").build()),
        row(Reason.UNEXPECTED_TOKEN, "no contents",
            nar().s("(", "type", "regular", ")").build()),
        row(Reason.UNEXPECTED_TOKEN, "huge string where a token belongs",
            nar().s("(").u64(1L << 40).build()),
        row(Reason.UNEXPECTED_TOKEN, "directory entry without parens",
            dirWith().s("entry", "name", "a", "node").file("").s(")", ")").build()),
        row(Reason.UNEXPECTED_TOKEN, "symlink without target token",
            nar().s("(", "type", "symlink", "t", ")").build()),
        row(Reason.UNEXPECTED_TOKEN, "entry not closed",
            dirWith().entry("a").file("").entry("b").build()),
        row(Reason.TRUNCATED, "empty input", new byte[0]),
        row(Reason.TRUNCATED, "inside a length", Arrays.copyOf(VALID_FILE, 20)),
        row(Reason.TRUNCATED, "inside contents", nar().s("(", "type", "regular", "contents")
            .u64(100).plain(new byte[10]).build()),
        row(Reason.TRUNCATED, "missing final paren",
            Arrays.copyOf(VALID_FILE, VALID_FILE.length - 16)),
        row(Reason.TRUNCATED, "missing padding", Arrays.copyOf(VALID_FILE, VALID_FILE.length - 17)),
        row(Reason.NONZERO_PADDING, "in a token", withByte(VALID_FILE, 8 + 13, 1)),
        row(Reason.NONZERO_PADDING, "after contents",
            withByte(VALID_FILE, VALID_FILE.length - 17, 'x')),
        row(Reason.INVALID_NAME, "slash", dirWith().entry("a/b").file("").s(")", ")").build()),
        row(Reason.INVALID_NAME, "dot", dirWith().entry(".").file("").s(")", ")").build()),
        row(Reason.INVALID_NAME, "dotdot", dirWith().entry("..").file("").s(")", ")").build()),
        row(Reason.INVALID_NAME, "empty", dirWith().entry("").file("").s(")", ")").build()),
        row(Reason.INVALID_NAME, "NUL", dirWith().s("entry", "(", "name")
            .bytes(new byte[] {'a', 0}).s("node").file("").s(")", ")").build()),
        row(Reason.INVALID_NAME, "256 bytes",
            dirWith().entry("n".repeat(256)).file("").s(")", ")").build()),
        row(Reason.NAMES_NOT_SORTED, "b then a", dirWith().entry("b").file("").s(")")
            .entry("a").file("").s(")", ")").build()),
        row(Reason.NAMES_NOT_SORTED, "signed order (z then \\xc3)", dirWith().entry("ü")
            .file("").s(")").entry("z").file("").s(")", ")").build()),
        row(Reason.DUPLICATE_NAME, "file and symlink named a", dirWith().entry("a").file("")
            .s(")").entry("a").s("(", "type", "symlink", "target", "t", ")").s(")", ")").build()),
        row(Reason.INVALID_SYMLINK_TARGET, "empty",
            nar().s("(", "type", "symlink", "target", "", ")").build()),
        row(Reason.INVALID_SYMLINK_TARGET, "NUL", nar().s("(", "type", "symlink", "target")
            .bytes(new byte[] {'t', 0}).s(")").build()),
        row(Reason.INVALID_SYMLINK_TARGET, "4096 bytes",
            nar().s("(", "type", "symlink", "target", "t".repeat(4096), ")").build()),
        row(Reason.FILE_TOO_LARGE, "2^63",
            nar().s("(", "type", "regular", "contents").u64(Long.MIN_VALUE).build()),
        row(Reason.TOO_DEEP, "4 levels, limit 3", nested(4)),
        row(Reason.TRAILING_BYTES, "one byte", concat(VALID_FILE, new byte[] {0})),
        row(Reason.TRAILING_BYTES, "a second NAR", concat(VALID_FILE, VALID_FILE)));
  }

  private static Arguments row(Reason reason, String what, byte[] nar) {
    return Arguments.of(reason, what, nar);
  }

  private static byte[] withByte(byte[] b, int index, int value) {
    byte[] c = b.clone();
    c[index] = (byte) value;
    return c;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformed")
  void eachMalformationGivesItsOwnReason(Reason reason, String what, byte[] nar) {
    InvalidNarException e = assertThrows(InvalidNarException.class,
        () -> NarReader.read(new ByteArrayInputStream(nar), new CapturingHandler(), 3));
    assertEquals(reason, e.reason(), e.getMessage());
  }

  @Test
  void everyReasonHasARowInTheTable() {
    Set<Reason> covered = EnumSet.noneOf(Reason.class);
    malformed().forEach(a -> covered.add((Reason) a.get()[0]));
    assertEquals(EnumSet.allOf(Reason.class), covered);
  }

  @Test
  void nestingUpToTheLimitIsAccepted() throws Exception {
    NarReader.read(new ByteArrayInputStream(nested(3)), new CapturingHandler(), 3);
  }

  @Test
  void errorNamesTheOffsetOfTheBadToken() {
    byte[] bad = nar().s("(", "type", "fifo").build();
    InvalidNarException e = assertThrows(InvalidNarException.class,
        () -> NarReader.read(new ByteArrayInputStream(bad), new CapturingHandler()));
    assertEquals(24 + 16 + 16, e.offset());
  }
}
