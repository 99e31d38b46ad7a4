package dev.tvixstore.castore;

import dev.tvixstore.castore.InvalidDirectoryException.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A castore directory (DESIGN.md §2): three lists of child nodes (directories, files, symlinks),
 * each strictly ascending by name in unsigned byte order, no name twice across the lists, no
 * unnamed child. Its {@link #digest()} is BLAKE3 of its canonical protobuf encoding ({@link
 * #encode()}); its {@link #size()} is what a {@link DirectoryNode} pointing at it must carry.
 * Immutable; a constructed Directory always satisfies every rule.
 *
 * <p>Whether each child {@link DirectoryNode} points to a stored directory of the stated size is
 * not a property of one Directory; the directory service checks it when directories are put.
 */
public final class Directory {
  /** The directory without entries; it encodes to no bytes: digest {@link B3Digest#EMPTY}. */
  public static final Directory EMPTY = new Directory(List.of(), List.of(), List.of());

  private final List<DirectoryNode> directories;
  private final List<FileNode> files;
  private final List<SymlinkNode> symlinks;
  private final long size;
  private volatile B3Digest digest;

  private Directory(
      List<DirectoryNode> directories, List<FileNode> files, List<SymlinkNode> symlinks) {
    this.directories = directories;
    this.files = files;
    this.symlinks = symlinks;
    this.size = computeSize();
  }

  /**
   * A directory with exactly these lists, which must already be in order.
   *
   * @throws InvalidDirectoryException with {@link Rule#EMPTY_NAME}, {@link Rule#NAMES_NOT_SORTED},
   *     {@link Rule#DUPLICATE_NAME} or {@link Rule#SIZE_OVERFLOW}
   */
  public static Directory of(
      List<DirectoryNode> directories, List<FileNode> files, List<SymlinkNode> symlinks) {
    List<DirectoryNode> d = List.copyOf(directories);
    List<FileNode> f = List.copyOf(files);
    List<SymlinkNode> s = List.copyOf(symlinks);
    checkOrder(d);
    checkOrder(f);
    checkOrder(s);
    Directory dir = new Directory(d, f, s);
    dir.checkUniqueAcrossLists();
    return dir;
  }

  /** A builder that takes entries in any order and sorts them; for NAR reading and tests. */
  public static DirectoryBuilder builder() {
    return new DirectoryBuilder();
  }

  /**
   * Parses a canonical encoding, as {@link CastoreProto#parseDirectory(byte[])}.
   *
   * @throws InvalidDirectoryException if the bytes are not the canonical encoding of a valid
   *     Directory
   */
  public static Directory parse(byte[] canonical) {
    return CastoreProto.parseDirectory(canonical);
  }

  private static void checkOrder(List<? extends Node> nodes) {
    PathComponent previous = null;
    for (Node n : nodes) {
      PathComponent name = n.name();
      if (name.isEmpty()) {
        throw new InvalidDirectoryException(Rule.EMPTY_NAME, "\"\"", "a child entry has no name");
      }
      if (previous != null) {
        int c = previous.compareTo(name);
        if (c == 0) {
          throw new InvalidDirectoryException(Rule.DUPLICATE_NAME, name.toString(), "name twice");
        }
        if (c > 0) {
          throw new InvalidDirectoryException(
              Rule.NAMES_NOT_SORTED, name.toString(), "comes after " + previous);
        }
      }
      previous = name;
    }
  }

  private void checkUniqueAcrossLists() {
    PathComponent previous = null;
    for (Node n : entries()) {
      if (previous != null && previous.equals(n.name())) {
        throw new InvalidDirectoryException(
            Rule.DUPLICATE_NAME, previous.toString(), "name used by two kinds of entry");
      }
      previous = n.name();
    }
  }

  private long computeSize() {
    long total = (long) directories.size() + files.size() + symlinks.size();
    for (DirectoryNode d : directories) {
      long next = total + d.size();
      // Unsigned addition overflowed iff the result is below an operand.
      if (Long.compareUnsigned(next, total) < 0) {
        throw new InvalidDirectoryException(
            Rule.SIZE_OVERFLOW, d.name().toString(), "size exceeds 2^64-1");
      }
      total = next;
    }
    return total;
  }

  /** Child directories, ascending by name. */
  public List<DirectoryNode> directories() {
    return directories;
  }

  /** Regular files, ascending by name. */
  public List<FileNode> files() {
    return files;
  }

  /** Symlinks, ascending by name. */
  public List<SymlinkNode> symlinks() {
    return symlinks;
  }

  /** All children in one list ascending by name: the order of NAR entries. */
  public List<Node> entries() {
    List<Node> out = new ArrayList<>(directories.size() + files.size() + symlinks.size());
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < directories.size() || j < files.size() || k < symlinks.size()) {
      Node best = null;
      int which = -1;
      if (i < directories.size()) {
        best = directories.get(i);
        which = 0;
      }
      if (j < files.size() && (best == null || files.get(j).name().compareTo(best.name()) < 0)) {
        best = files.get(j);
        which = 1;
      }
      if (k < symlinks.size()
          && (best == null || symlinks.get(k).name().compareTo(best.name()) < 0)) {
        best = symlinks.get(k);
        which = 2;
      }
      out.add(best);
      switch (which) {
        case 0 -> i++;
        case 1 -> j++;
        default -> k++;
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Whether the directory has no entries. */
  public boolean isEmpty() {
    return directories.isEmpty() && files.isEmpty() && symlinks.isEmpty();
  }

  /**
   * {@code #directories + #files + #symlinks + sum(child DirectoryNode sizes)}, unsigned 64-bit
   * (DESIGN.md §2); what a DirectoryNode pointing here carries as its size.
   */
  public long size() {
    return size;
  }

  /** The canonical protobuf encoding (fields in number order, proto3 defaults omitted). */
  public byte[] encode() {
    return CastoreProto.toProto(this).toByteArray();
  }

  /** BLAKE3 of {@link #encode()}; computed once. */
  public B3Digest digest() {
    B3Digest d = digest;
    if (d == null) {
      d = B3Digest.hash(encode());
      digest = d;
    }
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Directory other
        && directories.equals(other.directories)
        && files.equals(other.files)
        && symlinks.equals(other.symlinks);
  }

  @Override
  public int hashCode() {
    return directories.hashCode() * 961 + files.hashCode() * 31 + symlinks.hashCode();
  }

  @Override
  public String toString() {
    return "Directory[" + entries() + "]";
  }
}
