package dev.tvixstore.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.protos.castore.Directory;
import dev.tvixstore.protos.castore.DirectoryNode;
import dev.tvixstore.protos.castore.FileNode;
import dev.tvixstore.protos.castore.SymlinkNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Directory messages that break the rules of DESIGN §2, built as raw protos (the domain types
 * refuse to represent them).
 */
final class Messages {

  private static final ByteString SOME_DIGEST =
      ByteString.copyFrom(B3Digest.hash(new byte[1]).toBytes());

  private Messages() {}

  static FileNode file(String name) {
    return FileNode.newBuilder()
        .setName(ByteString.copyFrom(name, StandardCharsets.UTF_8))
        .setDigest(SOME_DIGEST)
        .setSize(1)
        .build();
  }

  static FileNode fileWithDigest(int digestLength) {
    return file("f").toBuilder().setDigest(ByteString.copyFrom(new byte[digestLength])).build();
  }

  static byte[] files(FileNode... files) {
    Directory.Builder d = Directory.newBuilder();
    for (FileNode f : files) {
      d.addFiles(f);
    }
    return d.build().toByteArray();
  }

  static byte[] symlink(byte[] target) {
    return Directory.newBuilder().addSymlinks(symlinkNode("l", target)).build().toByteArray();
  }

  static byte[] fileAndSymlinkNamed(String name) {
    return Directory.newBuilder()
        .addFiles(file(name))
        .addSymlinks(symlinkNode(name, new byte[] {'t'}))
        .build()
        .toByteArray();
  }

  /** Two children whose sizes add up past 2^64-1. */
  static byte[] childrenOverflowingSize() {
    return Directory.newBuilder()
        .addDirectories(directoryNode("a", -1L)) // 2^64-1 as unsigned
        .addDirectories(directoryNode("b", 1))
        .build()
        .toByteArray();
  }

  static byte[] withUnknownField() {
    return Directory.newBuilder()
        .addFiles(file("a"))
        .setUnknownFields(
            UnknownFieldSet.newBuilder()
                .addField(9, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
                .build())
        .build()
        .toByteArray();
  }

  /** A valid directory whose fields are out of number order: it decodes, but not canonically. */
  static byte[] symlinkBeforeFile() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        Directory.newBuilder()
            .addSymlinks(symlinkNode("s", new byte[] {'t'}))
            .build()
            .toByteArray());
    out.writeBytes(Directory.newBuilder().addFiles(file("f")).build().toByteArray());
    return out.toByteArray();
  }

  private static SymlinkNode symlinkNode(String name, byte[] target) {
    return SymlinkNode.newBuilder()
        .setName(ByteString.copyFrom(name, StandardCharsets.UTF_8))
        .setTarget(ByteString.copyFrom(target))
        .build();
  }

  private static DirectoryNode directoryNode(String name, long size) {
    return DirectoryNode.newBuilder()
        .setName(ByteString.copyFrom(name, StandardCharsets.UTF_8))
        .setDigest(SOME_DIGEST)
        .setSize(size)
        .build();
  }
}
