package dev.tvixstore.web.it;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.protos.castore.Directory;
import dev.tvixstore.protos.castore.DirectoryNode;
import dev.tvixstore.protos.castore.FileNode;
import dev.tvixstore.protos.castore.SymlinkNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * One DirectoryService.Put stream per rule of DESIGN §2, each breaking exactly that rule. Every
 * stream starts with a fresh, valid leaf directory (unique to the stream) that the broken one
 * refers to, so a test can check that a rejected stream stored nothing, not even its valid part.
 *
 * @param rule the rule's name, which the status description must start with
 * @param stream the messages to put, leaves first
 * @param neverStored digests that must not be stored after the rejection
 */
record BrokenClosures(String rule, List<Directory> stream, List<ByteString> neverStored) {

  @Override
  public String toString() {
    return rule;
  }

  static List<BrokenClosures> all() {
    List<BrokenClosures> cases = new ArrayList<>();
    cases.add(rootWith("EMPTY_NAME", r -> r.addFiles(file(""))));
    cases.add(rootWith("NAME_TOO_LONG", r -> r.addFiles(file("n".repeat(256)))));
    cases.add(rootWith("NAME_CONTAINS_SLASH", r -> r.addFiles(file("a/b"))));
    cases.add(rootWith("NAME_CONTAINS_NUL", r -> r.addFiles(file("a\0b"))));
    cases.add(rootWith("NAME_DOT", r -> r.addFiles(file("."))));
    cases.add(rootWith("NAME_DOTDOT", r -> r.addFiles(file(".."))));
    cases.add(rootWith("NAMES_NOT_SORTED", r -> r.addFiles(file("b")).addFiles(file("a"))));
    cases.add(
        rootWith("DUPLICATE_NAME", r -> r.addFiles(file("x")).addSymlinks(symlink("x", "t"))));
    cases.add(
        rootWith(
            "DIGEST_WRONG_LENGTH",
            r -> r.addFiles(file("a").toBuilder().setDigest(ByteString.copyFrom(new byte[31])))));
    cases.add(rootWith("SYMLINK_TARGET_EMPTY", r -> r.addSymlinks(symlink("s", ""))));
    cases.add(
        rootWith("SYMLINK_TARGET_TOO_LONG", r -> r.addSymlinks(symlink("s", "t".repeat(4096)))));
    cases.add(rootWith("SYMLINK_TARGET_CONTAINS_NUL", r -> r.addSymlinks(symlink("s", "a\0b"))));
    cases.add(
        rootWith(
            "SIZE_OVERFLOW",
            r -> r.addDirectories(dirNode("zz", randomDigest(), -1L)))); // u64 max + leaf's size
    cases.add(
        rootWith(
            "UNKNOWN_FIELDS",
            r ->
                r.setUnknownFields(
                    UnknownFieldSet.newBuilder()
                        .addField(9, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
                        .build())));
    cases.add(
        rootWith("DANGLING_CHILD", r -> r.addDirectories(dirNode("zz", randomDigest(), 1))));
    cases.add(childSizeMismatch());
    cases.add(unconnected());
    return cases;
  }

  /** A unique leaf, then a root holding it plus whatever {@code breakIt} adds. */
  private static BrokenClosures rootWith(String rule, UnaryOperator<Directory.Builder> breakIt) {
    Directory leaf = uniqueLeaf();
    Directory root =
        breakIt.apply(Directory.newBuilder().addDirectories(dirNode("leaf", digest(leaf), 1)))
            .build();
    return new BrokenClosures(rule, List.of(leaf, root), List.of(digest(leaf), digest(root)));
  }

  private static BrokenClosures childSizeMismatch() {
    Directory leaf = uniqueLeaf();
    Directory root = Directory.newBuilder().addDirectories(dirNode("leaf", digest(leaf), 2)).build();
    return new BrokenClosures(
        "CHILD_SIZE_MISMATCH", List.of(leaf, root), List.of(digest(leaf), digest(root)));
  }

  /** Two leaves, the root refers to the second only: the first is not reachable. */
  private static BrokenClosures unconnected() {
    Directory stray = uniqueLeaf();
    Directory leaf = uniqueLeaf();
    Directory root = Directory.newBuilder().addDirectories(dirNode("leaf", digest(leaf), 1)).build();
    return new BrokenClosures(
        "UNCONNECTED",
        List.of(stray, leaf, root),
        List.of(digest(stray), digest(leaf), digest(root)));
  }

  /** A directory with one file whose name no other test uses: never stored before. */
  static Directory uniqueLeaf() {
    return Directory.newBuilder().addFiles(file("f-" + UUID.randomUUID())).build();
  }

  static ByteString digest(Directory directory) {
    return ByteString.copyFrom(B3Digest.hash(directory.toByteArray()).toBytes());
  }

  static ByteString randomDigest() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    return ByteString.copyFromUtf8(
        (a.toString().replace("-", "") + b.toString().replace("-", "")).substring(0, 32));
  }

  static FileNode file(String name) {
    return FileNode.newBuilder()
        .setName(bytes(name))
        .setDigest(ByteString.copyFrom(B3Digest.EMPTY.toBytes()))
        .setSize(0)
        .build();
  }

  static SymlinkNode symlink(String name, String target) {
    return SymlinkNode.newBuilder().setName(bytes(name)).setTarget(bytes(target)).build();
  }

  static DirectoryNode dirNode(String name, ByteString digest, long size) {
    return DirectoryNode.newBuilder().setName(bytes(name)).setDigest(digest).setSize(size).build();
  }

  private static ByteString bytes(String s) {
    return ByteString.copyFrom(s.getBytes(StandardCharsets.UTF_8));
  }
}
