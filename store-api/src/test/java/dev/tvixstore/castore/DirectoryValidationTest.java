package dev.tvixstore.castore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tvixstore.castore.InvalidDirectoryException.Rule;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per castore rule: the violation and the exact {@link Rule} it must give. */
class DirectoryValidationTest {
  private static final B3Digest D = B3Digest.hash(new byte[] {1});

  private static FileNode file(String name) {
    return new FileNode(PathComponent.of(name), D, 1, false);
  }

  private static DirectoryNode dir(String name, long size) {
    return new DirectoryNode(PathComponent.of(name), D, size);
  }

  private static SymlinkNode link(String name) {
    return new SymlinkNode(PathComponent.of(name), SymlinkTarget.of("t"));
  }

  private static byte[] repeat(char c, int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) c);
    return b;
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        row(Rule.EMPTY_NAME, "empty name bytes", () -> PathComponent.of(new byte[0])),
        row(Rule.EMPTY_NAME, "unnamed child", () -> Directory.of(
            List.of(), List.of(new FileNode(PathComponent.EMPTY, D, 1, false)), List.of())),
        row(Rule.NAME_TOO_LONG, "256-byte name", () -> PathComponent.of(repeat('a', 256))),
        row(Rule.NAME_CONTAINS_SLASH, "a/b", () -> PathComponent.of("a/b")),
        row(Rule.NAME_CONTAINS_SLASH, "lone slash", () -> PathComponent.of("/")),
        row(Rule.NAME_CONTAINS_NUL, "a\\0b", () -> PathComponent.of(new byte[] {'a', 0, 'b'})),
        row(Rule.NAME_DOT, ".", () -> PathComponent.of(".")),
        row(Rule.NAME_DOTDOT, "..", () -> PathComponent.of("..")),
        row(Rule.NAMES_NOT_SORTED, "files b, a", () -> Directory.of(
            List.of(), List.of(file("b"), file("a")), List.of())),
        row(Rule.NAMES_NOT_SORTED, "unsigned order: \\xc3 before z", () -> Directory.of(
            List.of(), List.of(file("ü"), file("z")), List.of())),
        row(Rule.NAMES_NOT_SORTED, "symlinks B, A", () -> Directory.of(
            List.of(), List.of(), List.of(link("B"), link("A")))),
        row(Rule.DUPLICATE_NAME, "same list", () -> Directory.of(
            List.of(dir("x", 0), dir("x", 0)), List.of(), List.of())),
        row(Rule.DUPLICATE_NAME, "file and symlink", () -> Directory.of(
            List.of(), List.of(file("x")), List.of(link("x")))),
        row(Rule.DUPLICATE_NAME, "builder, dir and file", () -> Directory.builder()
            .add(file("x")).add(dir("x", 0)).build()),
        row(Rule.DIGEST_WRONG_LENGTH, "31-byte digest", () -> CastoreProto.fromProto(
            dev.tvixstore.protos.castore.Directory.newBuilder().addFiles(
                dev.tvixstore.protos.castore.FileNode.newBuilder()
                    .setName(com.google.protobuf.ByteString.copyFromUtf8("f"))
                    .setDigest(com.google.protobuf.ByteString.copyFrom(new byte[31])))
                .build())),
        row(Rule.SYMLINK_TARGET_EMPTY, "empty", () -> SymlinkTarget.of(new byte[0])),
        row(Rule.SYMLINK_TARGET_TOO_LONG, "4096 bytes", () -> SymlinkTarget.of(repeat('t', 4096))),
        row(Rule.SYMLINK_TARGET_CONTAINS_NUL, "NUL", () -> SymlinkTarget.of(new byte[] {'a', 0})),
        row(Rule.SIZE_OVERFLOW, "two children of 2^63", () -> Directory.of(
            List.of(dir("a", Long.MIN_VALUE), dir("b", Long.MIN_VALUE)), List.of(), List.of())),
        row(Rule.SIZE_OVERFLOW, "entry count pushes 2^64-1 over", () -> Directory.of(
            List.of(dir("a", -1L)), List.of(), List.of())),
        row(Rule.NODE_UNSET, "empty Node message", () -> CastoreProto.fromProto(
            dev.tvixstore.protos.castore.Node.getDefaultInstance())),
        row(Rule.UNKNOWN_FIELDS, "field 9", () -> Directory.parse(new byte[] {0x48, 0x01})),
        row(Rule.MALFORMED_PROTO, "truncated length", () -> Directory.parse(new byte[] {0x12, 5})),
        row(Rule.NOT_CANONICAL, "explicit size 0", () -> Directory.parse(withExplicitZeroSize())));
  }

  private static Arguments row(Rule rule, String what, Supplier<?> action) {
    return Arguments.of(rule, what, action);
  }

  /** A valid FileNode encoding plus {@code size = 0} written out, which proto3 omits. */
  private static byte[] withExplicitZeroSize() {
    var node = dev.tvixstore.protos.castore.FileNode.newBuilder()
        .setName(com.google.protobuf.ByteString.copyFromUtf8("f"))
        .setDigest(com.google.protobuf.ByteString.copyFrom(B3Digest.EMPTY.toBytes()))
        .build().toByteArray();
    byte[] withSize = Arrays.copyOf(node, node.length + 2);
    withSize[node.length] = 0x18; // field 3, varint
    withSize[node.length + 1] = 0;
    byte[] out = new byte[withSize.length + 2];
    out[0] = 0x12; // Directory.files, length-delimited
    out[1] = (byte) withSize.length;
    System.arraycopy(withSize, 0, out, 2, withSize.length);
    return out;
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("violations")
  void eachViolationGivesItsOwnRule(Rule rule, String what, Supplier<?> action) {
    InvalidDirectoryException e = assertThrows(InvalidDirectoryException.class, action::get);
    assertEquals(rule, e.rule(), e.getMessage());
  }

  @Test
  void everyRuleHasARowInTheTable() {
    Set<Rule> covered = EnumSet.noneOf(Rule.class);
    violations().forEach(a -> covered.add((Rule) a.get()[0]));
    assertEquals(EnumSet.allOf(Rule.class), covered);
  }

  @Test
  void sizeCountsEntriesPlusChildSizes() {
    Directory d = Directory.of(
        List.of(dir("a", 5), dir("b", 7)), List.of(file("c")), List.of(link("d")));
    assertEquals(4 + 5 + 7, d.size());
  }

  @Test
  void sizeUpToTwoToTheSixtyFourMinusOneIsFine() {
    Directory d = Directory.of(List.of(dir("a", -2L)), List.of(), List.of());
    assertEquals(-1L, d.size());
  }

  @Test
  void builderSortsEachListByUnsignedBytes() {
    Directory d = Directory.builder()
        .add(file("ü")).add(file("Z")).add(link("b")).add(dir("a", 0)).add(file("-")).build();
    assertEquals(List.of(file("-"), file("Z"), file("ü")), d.files());
    assertEquals(List.of("a", "b", "-", "Z", "ü").size(), d.entries().size());
    assertEquals(List.of("-", "Z", "a", "b", "ü"),
        d.entries().stream().map(n -> n.name().asString()).toList());
  }

  @Test
  void emptyDirectoryHasTheEmptyDigestAndEncodesToNothing() {
    assertEquals(B3Digest.EMPTY, Directory.EMPTY.digest());
    assertEquals(0, Directory.EMPTY.encode().length);
    assertEquals(Directory.EMPTY, Directory.parse(new byte[0]));
  }

  @Test
  void longestNameAndTargetAreAccepted() {
    assertEquals(255, PathComponent.of(repeat('n', 255)).length());
    assertEquals(4095, SymlinkTarget.of(repeat('t', 4095)).length());
  }

  @Test
  void namesThatMerelyContainDotsAreFine() {
    for (String ok : List.of("...", ".a", "a.", "..a", ".hidden")) {
      assertEquals(ok, PathComponent.of(ok).asString());
    }
  }

  @Test
  void rootNodeMayBeUnnamedButOnlyEmptyMapsToEmpty() {
    assertEquals(PathComponent.EMPTY, PathComponent.ofRootName(new byte[0]));
    assertEquals(Rule.NAME_DOT, assertThrows(InvalidDirectoryException.class,
        () -> PathComponent.ofRootName(new byte[] {'.'})).rule());
  }

  @Test
  void messagesEscapeNonPrintableBytes() {
    InvalidDirectoryException e = assertThrows(InvalidDirectoryException.class,
        () -> PathComponent.of(new byte[] {'a', 0, (byte) 0xff}));
    assertEquals("\"a\\x00\\xff\"", e.offending());
  }
}
