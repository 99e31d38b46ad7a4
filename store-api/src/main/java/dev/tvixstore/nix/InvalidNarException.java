package dev.tvixstore.nix;

import dev.tvixstore.error.InvalidRequestException;

/**
 * A byte stream is not a NAR that {@link NarReader} accepts. {@link #reason()} says which rule was
 * broken and {@link #offset()} where, counted in bytes from the start of the NAR.
 */
public class InvalidNarException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  /** Why the NAR was rejected. */
  public enum Reason {
    /** The stream does not start with the string {@code nix-archive-1}. */
    BAD_MAGIC,
    /** A token other than the one(s) the grammar allows at this point. */
    UNEXPECTED_TOKEN,
    /** The stream ends before the NAR does. */
    TRUNCATED,
    /** Padding after a string or file contents has a non-zero byte. */
    NONZERO_PADDING,
    /** An entry name castore forbids (empty, too long, {@code /}, NUL, {@code .}, {@code ..}). */
    INVALID_NAME,
    /** An entry name is not greater than the one before it in the same directory. */
    NAMES_NOT_SORTED,
    /** An entry name occurs twice in one directory. */
    DUPLICATE_NAME,
    /** A symlink target castore forbids (empty, longer than 4095 bytes, NUL). */
    INVALID_SYMLINK_TARGET,
    /** A file's length field is 2^63 or more. */
    FILE_TOO_LARGE,
    /** Directories are nested deeper than the reader's limit. */
    TOO_DEEP,
    /** Bytes follow the end of the root node. */
    TRAILING_BYTES
  }

  private final Reason reason;
  private final long offset;

  /** Creates the exception for {@code reason} at byte {@code offset}. */
  public InvalidNarException(Reason reason, long offset, String detail) {
    super("invalid NAR at byte " + offset + ": " + reason + ": " + detail);
    this.reason = reason;
    this.offset = offset;
  }

  /** Creates the exception, keeping the castore validation error that caused it. */
  public InvalidNarException(Reason reason, long offset, String detail, Throwable cause) {
    super("invalid NAR at byte " + offset + ": " + reason + ": " + detail, cause);
    this.reason = reason;
    this.offset = offset;
  }

  /** The broken rule. */
  public Reason reason() {
    return reason;
  }

  /** Where in the NAR the problem was found, in bytes from its start. */
  public long offset() {
    return offset;
  }
}
