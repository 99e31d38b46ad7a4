package dev.tvixstore.castore;

import dev.tvixstore.castore.InvalidDirectoryException.Rule;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a symlink points (DESIGN.md §2): 1 to 4095 bytes, no NUL. Any other bytes, including
 * {@code '/'} and {@code ".."}, are allowed: castore stores targets, it never follows them.
 * Immutable.
 */
public final class SymlinkTarget {
  /** Longest target, in bytes (Linux PATH_MAX minus the terminating NUL). */
  public static final int MAX_LENGTH = 4095;

  private final byte[] bytes;

  private SymlinkTarget(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * A validated target from its bytes (copied).
   *
   * @throws InvalidDirectoryException with {@link Rule#SYMLINK_TARGET_EMPTY}, {@link
   *     Rule#SYMLINK_TARGET_TOO_LONG} or {@link Rule#SYMLINK_TARGET_CONTAINS_NUL}
   */
  public static SymlinkTarget of(byte[] bytes) {
    byte[] b = bytes.clone();
    if (b.length == 0) {
      throw new InvalidDirectoryException(Rule.SYMLINK_TARGET_EMPTY, "\"\"", "target is empty");
    }
    if (b.length > MAX_LENGTH) {
      throw new InvalidDirectoryException(
          Rule.SYMLINK_TARGET_TOO_LONG, Printable.of(Arrays.copyOf(b, 32)) + "...",
          "target is " + b.length + " bytes, at most " + MAX_LENGTH + " allowed");
    }
    for (byte c : b) {
      if (c == 0) {
        throw new InvalidDirectoryException(
            Rule.SYMLINK_TARGET_CONTAINS_NUL, Printable.of(b), "target has NUL");
      }
    }
    return new SymlinkTarget(b);
  }

  /** A validated target from the UTF-8 encoding of {@code target}; rules as {@link #of(byte[])}. */
  public static SymlinkTarget of(String target) {
    return of(target.getBytes(StandardCharsets.UTF_8));
  }

  /** Length in bytes. */
  public int length() {
    return bytes.length;
  }

  /** A copy of the bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The bytes decoded as UTF-8, malformed sequences replaced: for display. */
  public String asString() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SymlinkTarget other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Quoted and escaped like {@link PathComponent#toString()}. */
  @Override
  public String toString() {
    return Printable.of(bytes);
  }
}
