package dev.tvixstore.castore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import dev.tvixstore.castore.InvalidDirectoryException.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class CastoreProtoTest {
  private static final B3Digest D = B3Digest.hash(new byte[] {7});

  private static final Directory SAMPLE = Directory.of(
      List.of(new DirectoryNode(PathComponent.of("d"), D, 3)),
      List.of(new FileNode(PathComponent.of("f"), D, 9, true)),
      List.of(new SymlinkNode(PathComponent.of("s"), SymlinkTarget.of("../t"))));

  @Test
  void everyNodeKindSurvivesTheRoundTrip() {
    for (Node n : SAMPLE.entries()) {
      assertEquals(n, CastoreProto.fromProto(CastoreProto.toProto(n)));
    }
    assertEquals(SAMPLE, Directory.parse(SAMPLE.encode()));
  }

  @Test
  void unnamedRootNodeConvertsToTheEmptyName() {
    Node root = new DirectoryNode(PathComponent.EMPTY, D, 3);
    var message = CastoreProto.toProto(root);
    assertEquals(ByteString.EMPTY, message.getDirectory().getName());
    assertEquals(root, CastoreProto.fromProto(message));
  }

  @Test
  void rootNodeWithInvalidNameIsRejected() {
    var message = dev.tvixstore.protos.castore.Node.newBuilder().setSymlink(
        dev.tvixstore.protos.castore.SymlinkNode.newBuilder()
            .setName(ByteString.copyFromUtf8("a/b")).setTarget(ByteString.copyFromUtf8("x")))
        .build();
    assertEquals(Rule.NAME_CONTAINS_SLASH, assertThrows(InvalidDirectoryException.class,
        () -> CastoreProto.fromProto(message)).rule());
  }

  @Test
  void unknownFieldInsideANodeIsRejected() {
    byte[] canonical = SAMPLE.encode();
    // Append field 15 (varint) to the first DirectoryNode: rewrite the outer length by one entry.
    var dn = CastoreProto.toProto(SAMPLE.directories().get(0)).toByteArray();
    byte[] dnPlus = java.util.Arrays.copyOf(dn, dn.length + 2);
    dnPlus[dn.length] = 0x78;
    dnPlus[dn.length + 1] = 0x01;
    byte[] bytes = new byte[2 + dnPlus.length];
    bytes[0] = 0x0a;
    bytes[1] = (byte) dnPlus.length;
    System.arraycopy(dnPlus, 0, bytes, 2, dnPlus.length);
    assertEquals(Rule.UNKNOWN_FIELDS, assertThrows(InvalidDirectoryException.class,
        () -> Directory.parse(bytes)).rule());
    assertEquals(SAMPLE, Directory.parse(canonical));
  }

  @Test
  void listsWrittenOutOfFieldOrderAreNotCanonical() {
    // symlinks (3) before files (2): decodes to the same Directory, encodes differently.
    byte[] files = CastoreProto.toProto(SAMPLE).toBuilder().clearDirectories().clearSymlinks()
        .build().toByteArray();
    byte[] links = CastoreProto.toProto(SAMPLE).toBuilder().clearDirectories().clearFiles()
        .build().toByteArray();
    byte[] swapped = new byte[files.length + links.length];
    System.arraycopy(links, 0, swapped, 0, links.length);
    System.arraycopy(files, 0, swapped, links.length, files.length);
    assertEquals(Rule.NOT_CANONICAL, assertThrows(InvalidDirectoryException.class,
        () -> Directory.parse(swapped)).rule());
  }

  @Test
  void nonMinimalVarintIsNotCanonical() {
    byte[] canonical = Directory.of(List.of(), List.of(
        new FileNode(PathComponent.of("f"), D, 1, false)), List.of()).encode();
    // The file's size varint 0x01 written as 0x81 0x00; lengths grow by one.
    byte[] bytes = new byte[canonical.length + 1];
    System.arraycopy(canonical, 0, bytes, 0, canonical.length);
    bytes[1]++;
    assertEquals(0x01, bytes[canonical.length - 1]);
    bytes[canonical.length - 1] = (byte) 0x81;
    bytes[canonical.length] = 0x00;
    assertEquals(Rule.NOT_CANONICAL, assertThrows(InvalidDirectoryException.class,
        () -> Directory.parse(bytes)).rule());
  }

  @Test
  void digestOfEncodingIsTheDirectoryDigest() {
    assertEquals(B3Digest.hash(SAMPLE.encode()), SAMPLE.digest());
    assertArrayEquals(CastoreProto.toProto(SAMPLE).toByteArray(), SAMPLE.encode());
  }

  @Test
  void everyRootNodeSurvivesItsEncoding() {
    for (Node n : SAMPLE.entries()) {
      assertEquals(n, CastoreProto.parseNode(CastoreProto.encode(n)));
      Node unnamed = n.withName(PathComponent.EMPTY);
      assertEquals(unnamed, CastoreProto.parseNode(CastoreProto.encode(unnamed)));
    }
  }

  @Test
  void nodeBytesThatAreNoNodeAreRejected() {
    assertEquals(Rule.MALFORMED_PROTO, assertThrows(InvalidDirectoryException.class,
        () -> CastoreProto.parseNode(new byte[] {(byte) 0xff})).rule());
    assertEquals(Rule.NODE_UNSET, assertThrows(InvalidDirectoryException.class,
        () -> CastoreProto.parseNode(new byte[0])).rule());
  }
}
