package dev.tvixstore.castore;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import dev.tvixstore.castore.InvalidDirectoryException.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Converts between the castore model and the generated {@code tvix.castore.v1} messages. Every
 * {@code fromProto} validates fully: it returns a valid model value or throws {@link
 * InvalidDirectoryException} naming the rule. The canonical encoding of a Directory is
 * protobuf-java's serialization of {@link #toProto(Directory)}: fields in number order, proto3
 * defaults omitted, no unknown fields.
 */
public final class CastoreProto {
  private CastoreProto() {}

  /** The message for {@code directory}; its serialization is the canonical encoding. */
  public static dev.tvixstore.protos.castore.Directory toProto(Directory directory) {
    var b = dev.tvixstore.protos.castore.Directory.newBuilder();
    for (DirectoryNode d : directory.directories()) {
      b.addDirectories(toProto(d));
    }
    for (FileNode f : directory.files()) {
      b.addFiles(toProto(f));
    }
    for (SymlinkNode s : directory.symlinks()) {
      b.addSymlinks(toProto(s));
    }
    return b.build();
  }

  /** The message for a directory node. */
  public static dev.tvixstore.protos.castore.DirectoryNode toProto(DirectoryNode node) {
    return dev.tvixstore.protos.castore.DirectoryNode.newBuilder()
        .setName(ByteString.copyFrom(node.name().toBytes()))
        .setDigest(ByteString.copyFrom(node.digest().toBytes()))
        .setSize(node.size())
        .build();
  }

  /** The message for a file node. */
  public static dev.tvixstore.protos.castore.FileNode toProto(FileNode node) {
    return dev.tvixstore.protos.castore.FileNode.newBuilder()
        .setName(ByteString.copyFrom(node.name().toBytes()))
        .setDigest(ByteString.copyFrom(node.digest().toBytes()))
        .setSize(node.size())
        .setExecutable(node.executable())
        .build();
  }

  /** The message for a symlink node. */
  public static dev.tvixstore.protos.castore.SymlinkNode toProto(SymlinkNode node) {
    return dev.tvixstore.protos.castore.SymlinkNode.newBuilder()
        .setName(ByteString.copyFrom(node.name().toBytes()))
        .setTarget(ByteString.copyFrom(node.target().toBytes()))
        .build();
  }

  /** The {@code Node} wrapper message for any node; an unnamed root gets an empty name. */
  public static dev.tvixstore.protos.castore.Node toProto(Node node) {
    var b = dev.tvixstore.protos.castore.Node.newBuilder();
    switch (node) {
      case DirectoryNode d -> b.setDirectory(toProto(d));
      case FileNode f -> b.setFile(toProto(f));
      case SymlinkNode s -> b.setSymlink(toProto(s));
    }
    return b.build();
  }

  /**
   * A validated Directory from its message.
   *
   * @throws InvalidDirectoryException for any broken rule, including unknown fields
   */
  public static Directory fromProto(dev.tvixstore.protos.castore.Directory message) {
    checkNoUnknownFields(message.getUnknownFields(), "Directory");
    List<DirectoryNode> dirs = new ArrayList<>(message.getDirectoriesCount());
    for (var d : message.getDirectoriesList()) {
      dirs.add(childFromProto(d));
    }
    List<FileNode> files = new ArrayList<>(message.getFilesCount());
    for (var f : message.getFilesList()) {
      files.add(childFromProto(f));
    }
    List<SymlinkNode> symlinks = new ArrayList<>(message.getSymlinksCount());
    for (var s : message.getSymlinksList()) {
      symlinks.add(childFromProto(s));
    }
    return Directory.of(dirs, files, symlinks);
  }

  /**
   * A validated root node from its {@code Node} message. An empty name gives {@link
   * PathComponent#EMPTY}; any other name must be a valid {@link PathComponent}. Whether the name
   * suits the context (a store path basename) is the caller's check.
   *
   * @throws InvalidDirectoryException for any broken rule, {@link Rule#NODE_UNSET} if no variant
   *     is set
   */
  public static Node fromProto(dev.tvixstore.protos.castore.Node message) {
    checkNoUnknownFields(message.getUnknownFields(), "Node");
    return switch (message.getNodeCase()) {
      case DIRECTORY -> fromProto(message.getDirectory(), true);
      case FILE -> fromProto(message.getFile(), true);
      case SYMLINK -> fromProto(message.getSymlink(), true);
      case NODE_NOT_SET ->
          throw new InvalidDirectoryException(Rule.NODE_UNSET, "Node", "no node variant set");
    };
  }

  /**
   * Parses a Directory from bytes that must be its canonical encoding, so that the digest of the
   * bytes received is the digest of the value kept.
   *
   * @throws InvalidDirectoryException {@link Rule#MALFORMED_PROTO} if the bytes do not decode,
   *     the rule broken if they decode to an invalid Directory, {@link Rule#NOT_CANONICAL} if they
   *     decode to a valid one with a different encoding
   */
  public static Directory parseDirectory(byte[] bytes) {
    dev.tvixstore.protos.castore.Directory message;
    try {
      message = dev.tvixstore.protos.castore.Directory.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidDirectoryException(
          Rule.MALFORMED_PROTO, bytes.length + " bytes", "not a Directory message", e);
    }
    Directory directory = fromProto(message);
    if (!Arrays.equals(bytes, directory.encode())) {
      throw new InvalidDirectoryException(
          Rule.NOT_CANONICAL, bytes.length + " bytes", "not the canonical encoding");
    }
    return directory;
  }

  /**
   * The canonical encoding of a root node's {@code Node} message (its name included, empty for an
   * unnamed root): what stores keep a PathInfo's root as, and what identifies a root without its
   * name (encode it unnamed).
   */
  public static byte[] encode(Node node) {
    return toProto(node).toByteArray();
  }

  /**
   * Parses a root node from its canonical encoding ({@link #encode}).
   *
   * @throws InvalidDirectoryException {@link Rule#MALFORMED_PROTO} if the bytes do not decode,
   *     the rule broken if they decode to an invalid node, {@link Rule#NOT_CANONICAL} if they
   *     decode to a valid one with a different encoding
   */
  public static Node parseNode(byte[] bytes) {
    dev.tvixstore.protos.castore.Node message;
    try {
      message = dev.tvixstore.protos.castore.Node.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidDirectoryException(
          Rule.MALFORMED_PROTO, bytes.length + " bytes", "not a Node message", e);
    }
    Node node = fromProto(message);
    if (!Arrays.equals(bytes, encode(node))) {
      throw new InvalidDirectoryException(
          Rule.NOT_CANONICAL, bytes.length + " bytes", "not the canonical encoding");
    }
    return node;
  }

  private static DirectoryNode childFromProto(dev.tvixstore.protos.castore.DirectoryNode m) {
    return fromProto(m, false);
  }

  private static FileNode childFromProto(dev.tvixstore.protos.castore.FileNode m) {
    return fromProto(m, false);
  }

  private static SymlinkNode childFromProto(dev.tvixstore.protos.castore.SymlinkNode m) {
    return fromProto(m, false);
  }

  private static DirectoryNode fromProto(
      dev.tvixstore.protos.castore.DirectoryNode m, boolean root) {
    checkNoUnknownFields(m.getUnknownFields(), "DirectoryNode");
    PathComponent name = name(m.getName(), root);
    return new DirectoryNode(name, digest(m.getDigest(), name), m.getSize());
  }

  private static FileNode fromProto(dev.tvixstore.protos.castore.FileNode m, boolean root) {
    checkNoUnknownFields(m.getUnknownFields(), "FileNode");
    PathComponent name = name(m.getName(), root);
    return new FileNode(name, digest(m.getDigest(), name), m.getSize(), m.getExecutable());
  }

  private static SymlinkNode fromProto(dev.tvixstore.protos.castore.SymlinkNode m, boolean root) {
    checkNoUnknownFields(m.getUnknownFields(), "SymlinkNode");
    PathComponent name = name(m.getName(), root);
    return new SymlinkNode(name, SymlinkTarget.of(m.getTarget().toByteArray()));
  }

  private static PathComponent name(ByteString name, boolean root) {
    byte[] b = name.toByteArray();
    return root ? PathComponent.ofRootName(b) : PathComponent.of(b);
  }

  private static B3Digest digest(ByteString digest, PathComponent name) {
    if (digest.size() != B3Digest.LENGTH) {
      throw new InvalidDirectoryException(
          Rule.DIGEST_WRONG_LENGTH, name.toString(),
          "digest is " + digest.size() + " bytes, must be " + B3Digest.LENGTH);
    }
    return B3Digest.of(digest.toByteArray());
  }

  private static void checkNoUnknownFields(UnknownFieldSet unknown, String message) {
    if (!unknown.asMap().isEmpty()) {
      throw new InvalidDirectoryException(
          Rule.UNKNOWN_FIELDS, message, "unknown field numbers " + unknown.asMap().keySet());
    }
  }
}
