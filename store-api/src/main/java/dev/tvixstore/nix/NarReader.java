package dev.tvixstore.nix;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.InvalidDirectoryException;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.SymlinkNode;
import dev.tvixstore.castore.SymlinkTarget;
import dev.tvixstore.error.StoreException;
import dev.tvixstore.nix.InvalidNarException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Strict streaming NAR parser. Accepts exactly the byte streams {@link NarWriter} produces (and
 * {@code nix-store --dump}), so that a NAR that parses renders back to the same bytes: canonical
 * token order, zero padding, entries strictly ascending by name, castore-valid names and targets,
 * nothing after the root. File contents pass through to the {@link NarHandler} as streams; memory
 * use is one buffer plus one pending {@link Directory} per open directory level.
 */
public final class NarReader {
  /** Default limit on directory nesting. */
  public static final int DEFAULT_MAX_DEPTH = 1024;

  private static final int BUFFER_SIZE = 64 * 1024;

  private final NarInput input;
  private final NarHandler handler;
  private final int maxDepth;
  private final byte[] token = new byte[NarTokens.MAX_TOKEN_LENGTH];

  private NarReader(InputStream in, NarHandler handler, int maxDepth) {
    this.input = new NarInput(in, BUFFER_SIZE);
    this.handler = handler;
    this.maxDepth = maxDepth;
  }

  /** {@link #read(InputStream, NarHandler, int)} with {@link #DEFAULT_MAX_DEPTH}. */
  public static Node read(InputStream in, NarHandler handler) throws IOException {
    return read(in, handler, DEFAULT_MAX_DEPTH);
  }

  /**
   * Parses one NAR from {@code in}, which must end where the NAR ends, feeding files and
   * directories to {@code handler}. Does not close {@code in}.
   *
   * @param maxDepth how many directories may be nested (the root directory is depth 1)
   * @return the root node, unnamed ({@link PathComponent#EMPTY})
   * @throws InvalidNarException if the bytes are not a NAR this reader accepts
   * @throws IOException if {@code in} or the handler fails; a handler's {@link StoreException}
   *     also propagates unchanged
   */
  public static Node read(InputStream in, NarHandler handler, int maxDepth) throws IOException {
    return new NarReader(in, handler, maxDepth).readAll();
  }

  /** A directory still being read: its entries so far, in NAR (= name) order. */
  private static final class Frame {
    final PathComponent name;
    final List<DirectoryNode> directories = new ArrayList<>();
    final List<FileNode> files = new ArrayList<>();
    final List<SymlinkNode> symlinks = new ArrayList<>();
    PathComponent last;

    Frame(PathComponent name) {
      this.name = name;
    }

    void add(Node node) {
      switch (node) {
        case DirectoryNode d -> directories.add(d);
        case FileNode f -> files.add(f);
        case SymlinkNode s -> symlinks.add(s);
      }
    }
  }

  private Node readAll() throws IOException {
    long start = input.offset();
    int n = readToken();
    if (!is(NarTokens.T_MAGIC, n)) {
      throw new InvalidNarException(Reason.BAD_MAGIC, start, "not nix-archive-1");
    }
    ArrayDeque<Frame> stack = new ArrayDeque<>();
    Node root = node(PathComponent.EMPTY, stack);
    while (!stack.isEmpty()) {
      Frame top = stack.peek();
      long at = input.offset();
      n = readToken();
      if (is(NarTokens.T_ENTRY, n)) {
        expect(NarTokens.T_OPEN);
        expect(NarTokens.T_NAME);
        PathComponent name = readName(top);
        expect(NarTokens.T_NODE);
        Node child = node(name, stack);
        if (child != null) {
          top.add(child);
          expect(NarTokens.T_CLOSE); // closes the entry
        }
      } else if (is(NarTokens.T_CLOSE, n)) {
        stack.pop();
        DirectoryNode finished = finish(top);
        if (stack.isEmpty()) {
          root = finished;
        } else {
          stack.peek().add(finished);
          expect(NarTokens.T_CLOSE); // closes the entry holding it
        }
      } else {
        throw unexpected(at, n, "entry or )");
      }
    }
    if (!input.atEnd()) {
      throw new InvalidNarException(Reason.TRAILING_BYTES, input.offset(), "data after the root");
    }
    return root;
  }

  /**
   * Reads a node up to its end and returns it, or, for a directory, reads its head, pushes a frame
   * and returns null: its entries follow.
   */
  private Node node(PathComponent name, ArrayDeque<Frame> stack) throws IOException {
    expect(NarTokens.T_OPEN);
    expect(NarTokens.T_TYPE);
    long at = input.offset();
    int n = readToken();
    if (is(NarTokens.T_REGULAR, n)) {
      return file(name);
    } else if (is(NarTokens.T_SYMLINK, n)) {
      expect(NarTokens.T_TARGET);
      SymlinkNode link = new SymlinkNode(name, readTarget());
      expect(NarTokens.T_CLOSE);
      return link;
    } else if (is(NarTokens.T_DIRECTORY, n)) {
      if (stack.size() >= maxDepth) {
        throw new InvalidNarException(Reason.TOO_DEEP, at, "more than " + maxDepth + " levels");
      }
      stack.push(new Frame(name));
      return null;
    }
    throw unexpected(at, n, "regular, symlink or directory");
  }

  private FileNode file(PathComponent name) throws IOException {
    long at = input.offset();
    int n = readToken();
    boolean executable = is(NarTokens.T_EXECUTABLE, n);
    if (executable) {
      expect(new byte[0]);
      at = input.offset();
      n = readToken();
    }
    if (!is(NarTokens.T_CONTENTS, n)) {
      throw unexpected(at, n, executable ? "contents" : "executable or contents");
    }
    at = input.offset();
    long size = input.readU64();
    if (size < 0) {
      throw new InvalidNarException(
          Reason.FILE_TOO_LARGE, at, "length " + Long.toUnsignedString(size));
    }
    NarInput.Contents contents = input.contents(size);
    B3Digest digest;
    try {
      digest = handler.file(contents, size, executable);
    } finally {
      contents.close();
    }
    if (digest == null) {
      throw new NullPointerException("NarHandler.file returned no digest");
    }
    contents.skipRest();
    input.readPadding(size);
    expect(NarTokens.T_CLOSE);
    return new FileNode(name, digest, size, executable);
  }

  private DirectoryNode finish(Frame frame) throws IOException {
    // Cannot fail: names were checked as they were read, and the size is bounded by the number of
    // entries read, far below 2^64.
    Directory dir = Directory.of(frame.directories, frame.files, frame.symlinks);
    handler.directory(dir);
    return DirectoryNode.of(frame.name, dir);
  }

  private PathComponent readName(Frame frame) throws IOException {
    long at = input.offset();
    byte[] bytes = input.readString(PathComponent.MAX_LENGTH, Reason.INVALID_NAME, "name");
    PathComponent name;
    try {
      name = PathComponent.of(bytes);
    } catch (InvalidDirectoryException e) {
      throw new InvalidNarException(Reason.INVALID_NAME, at, e.getMessage(), e);
    }
    if (frame.last != null) {
      int c = frame.last.compareTo(name);
      if (c == 0) {
        throw new InvalidNarException(Reason.DUPLICATE_NAME, at, name.toString());
      }
      if (c > 0) {
        throw new InvalidNarException(
            Reason.NAMES_NOT_SORTED, at, name + " after " + frame.last);
      }
    }
    frame.last = name;
    return name;
  }

  private SymlinkTarget readTarget() throws IOException {
    long at = input.offset();
    byte[] bytes =
        input.readString(SymlinkTarget.MAX_LENGTH, Reason.INVALID_SYMLINK_TARGET, "target");
    try {
      return SymlinkTarget.of(bytes);
    } catch (InvalidDirectoryException e) {
      throw new InvalidNarException(Reason.INVALID_SYMLINK_TARGET, at, e.getMessage(), e);
    }
  }

  /** Reads a short string into {@link #token}; returns its length. */
  private int readToken() throws IOException {
    long at = input.offset();
    long len = input.readU64();
    if (len < 0 || len > token.length) {
      throw new InvalidNarException(Reason.UNEXPECTED_TOKEN, at,
          "a string of " + Long.toUnsignedString(len) + " bytes where a token belongs");
    }
    int n = (int) len;
    input.readFully(token, n);
    input.readPadding(n);
    return n;
  }

  private void expect(byte[] expected) throws IOException {
    long at = input.offset();
    int n = readToken();
    if (!is(expected, n)) {
      throw unexpected(at, n, NarTokens.text(expected, expected.length));
    }
  }

  private boolean is(byte[] expected, int n) {
    return n == expected.length && Arrays.equals(token, 0, n, expected, 0, n);
  }

  private InvalidNarException unexpected(long at, int n, String expected) {
    return new InvalidNarException(Reason.UNEXPECTED_TOKEN, at,
        "got \"" + NarTokens.text(token, n) + "\", expected " + expected);
  }
}
