package dev.tvixstore.nix;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryLookup;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.SymlinkNode;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.NotFoundException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Walks a castore tree in NAR order and tells a {@link NarSink} what the NAR consists of. One
 * traversal serves both rendering and layout, so sizes and offsets always match the bytes.
 * Iterative, so a deep tree cannot overflow the call stack.
 */
final class NarWalker {
  private final DirectoryLookup directories;
  private final NarSink sink;
  private final byte[] lengthField = new byte[8];

  private NarWalker(DirectoryLookup directories, NarSink sink) {
    this.directories = directories;
    this.sink = sink;
  }

  /**
   * Sends the whole NAR of {@code root} (its name ignored) to {@code sink}.
   *
   * @throws NotFoundException if a directory of the tree is not stored
   * @throws DataLossException if a stored directory has another digest or size than referenced
   * @throws InvalidRequestException if the root node's size does not match its directory
   */
  static void walk(Node root, DirectoryLookup directories, NarSink sink) throws IOException {
    new NarWalker(directories, sink).walk(root);
  }

  private void walk(Node root) throws IOException {
    ArrayDeque<Iterator<Node>> stack = new ArrayDeque<>();
    raw(NarTokens.MAGIC);
    Iterator<Node> children = node(root, true);
    if (children != null) {
      stack.push(children);
    }
    while (!stack.isEmpty() && !sink.done()) {
      Iterator<Node> top = stack.peek();
      if (top.hasNext()) {
        Node child = top.next();
        raw(NarTokens.ENTRY_NAME);
        string(child.name().toBytes());
        raw(NarTokens.NODE);
        Iterator<Node> grandChildren = node(child, false);
        if (grandChildren != null) {
          stack.push(grandChildren);
        } else {
          raw(NarTokens.CLOSE); // closes the entry
        }
      } else {
        stack.pop();
        raw(NarTokens.CLOSE); // closes the directory
        if (!stack.isEmpty()) {
          raw(NarTokens.CLOSE); // closes the entry holding it
        }
      }
    }
  }

  /** Emits a file or symlink completely; for a directory emits its head and returns its entries. */
  private Iterator<Node> node(Node node, boolean root) throws IOException {
    switch (node) {
      case FileNode f -> {
        if (f.size() < 0) {
          // An unsigned size of 2^63 or more: no stored blob is that large, and offsets would wrap.
          throw new InvalidRequestException("file " + f.name() + " has size "
              + Long.toUnsignedString(f.size()) + ", larger than any NAR can hold");
        }
        raw(NarTokens.OPEN_REGULAR);
        if (f.executable()) {
          raw(NarTokens.EXECUTABLE);
        }
        raw(NarTokens.CONTENTS);
        NarTokens.putU64(lengthField, 0, f.size());
        sink.raw(lengthField, 0, 8);
        sink.contents(f);
        sink.raw(NarTokens.ZEROS, 0, NarTokens.padding(f.size()));
        raw(NarTokens.CLOSE);
        return null;
      }
      case SymlinkNode s -> {
        raw(NarTokens.OPEN_SYMLINK_TARGET);
        string(s.target().toBytes());
        raw(NarTokens.CLOSE);
        return null;
      }
      case DirectoryNode d -> {
        Directory dir = lookup(d, root);
        raw(NarTokens.OPEN_DIRECTORY);
        return dir.entries().iterator();
      }
    }
  }

  private Directory lookup(DirectoryNode node, boolean root) {
    B3Digest digest = node.digest();
    Directory dir = directories.get(digest).orElseThrow(() -> new NotFoundException(
        "directory " + digest + " (entry " + node.name() + ") is not stored"));
    // Checking the digest keeps a faulty lookup from sending us round in a cycle.
    if (!dir.digest().equals(digest)) {
      throw new DataLossException("directory lookup for " + digest + " returned " + dir.digest());
    }
    if (dir.size() != node.size()) {
      String msg = "directory " + digest + " has size " + Long.toUnsignedString(dir.size())
          + ", the node " + node.name() + " says " + Long.toUnsignedString(node.size());
      // A stored child was validated when it was put, so a mismatch there means damage; a root
      // node comes from the caller.
      throw root ? new InvalidRequestException(msg) : new DataLossException(msg);
    }
    return dir;
  }

  private void raw(byte[] token) throws IOException {
    sink.raw(token, 0, token.length);
  }

  private void string(byte[] bytes) throws IOException {
    NarTokens.putU64(lengthField, 0, bytes.length);
    sink.raw(lengthField, 0, 8);
    sink.raw(bytes, 0, bytes.length);
    sink.raw(NarTokens.ZEROS, 0, NarTokens.padding(bytes.length));
  }
}
