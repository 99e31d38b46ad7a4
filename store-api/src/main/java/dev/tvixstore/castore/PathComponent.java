package dev.tvixstore.castore;

import dev.tvixstore.castore.InvalidDirectoryException.Rule;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The name of one entry of a directory (DESIGN.md §2): 1 to 255 bytes, no {@code '/'}, no NUL, not
 * {@code "."} or {@code ".."}. Names are bytes, not text; they compare as unsigned bytes, the order
 * of both castore lists and NAR entries. Immutable.
 *
 * <p>The one exception is {@link #EMPTY}: the name of a root node that has no name (a node handed
 * to {@code CalculateNAR}, or the root a NAR parses to). It is never accepted as the name of a
 * child entry: {@link Directory} rejects it with {@link Rule#EMPTY_NAME}. Whether a named root is
 * acceptable (for a PathInfo: a store path basename) is for the caller to check.
 */
public final class PathComponent implements Comparable<PathComponent> {
  /** Longest name, in bytes. */
  public static final int MAX_LENGTH = 255;

  /** The empty name, for root nodes only. */
  public static final PathComponent EMPTY = new PathComponent(new byte[0]);

  private final byte[] bytes;

  private PathComponent(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * A validated name from its bytes (copied).
   *
   * @throws InvalidDirectoryException with {@link Rule#EMPTY_NAME}, {@link Rule#NAME_TOO_LONG},
   *     {@link Rule#NAME_CONTAINS_SLASH}, {@link Rule#NAME_CONTAINS_NUL}, {@link Rule#NAME_DOT} or
   *     {@link Rule#NAME_DOTDOT}
   */
  public static PathComponent of(byte[] bytes) {
    byte[] copy = bytes.clone();
    validate(copy);
    return new PathComponent(copy);
  }

  /** A validated name from the UTF-8 encoding of {@code name}; rules as {@link #of(byte[])}. */
  public static PathComponent of(String name) {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    validate(b);
    return new PathComponent(b);
  }

  /**
   * Like {@link #of(byte[])}, except that no bytes give {@link #EMPTY}: for the name of a root node
   * as it comes off the wire, where empty means "unnamed".
   */
  public static PathComponent ofRootName(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : of(bytes);
  }

  private static void validate(byte[] b) {
    if (b.length == 0) {
      throw new InvalidDirectoryException(Rule.EMPTY_NAME, "\"\"", "name is empty");
    }
    if (b.length > MAX_LENGTH) {
      throw new InvalidDirectoryException(
          Rule.NAME_TOO_LONG, Printable.of(Arrays.copyOf(b, 32)) + "...",
          "name is " + b.length + " bytes, at most " + MAX_LENGTH + " allowed");
    }
    for (byte c : b) {
      if (c == '/') {
        throw new InvalidDirectoryException(
            Rule.NAME_CONTAINS_SLASH, Printable.of(b), "name has '/'");
      }
      if (c == 0) {
        throw new InvalidDirectoryException(
            Rule.NAME_CONTAINS_NUL, Printable.of(b), "name has NUL");
      }
    }
    if (b[0] == '.' && b.length <= 2) {
      if (b.length == 1) {
        throw new InvalidDirectoryException(Rule.NAME_DOT, "\".\"", "name is '.'");
      }
      if (b[1] == '.') {
        throw new InvalidDirectoryException(Rule.NAME_DOTDOT, "\"..\"", "name is '..'");
      }
    }
  }

  /** True only for {@link #EMPTY}. */
  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /** Length in bytes. */
  public int length() {
    return bytes.length;
  }

  /** A copy of the bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The bytes decoded as UTF-8, malformed sequences replaced: for display, not for identity. */
  public String asString() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Unsigned byte order, the order of castore lists and NAR entries. */
  @Override
  public int compareTo(PathComponent o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathComponent other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Quoted, printable ASCII kept, other bytes as {@code \xNN}: safe in logs and messages. */
  @Override
  public String toString() {
    return Printable.of(bytes);
  }
}
