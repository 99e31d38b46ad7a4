package dev.tvixstore.castore;

import dev.tvixstore.error.InvalidRequestException;

/**
 * A castore value breaks one of the rules of DESIGN.md §2: a name, a symlink target, a digest, the
 * order or uniqueness of a directory's entries, its size, or the encoding of a Directory message.
 * Each rule has its own {@link Rule}, so callers and tests can tell the failures apart; {@link
 * #offending()} names the value that broke it (printable, escaped).
 */
public class InvalidDirectoryException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  /** The rule that was broken. */
  public enum Rule {
    /** A child entry's name is empty (only a root node may be unnamed). */
    EMPTY_NAME,
    /** A name is longer than {@link PathComponent#MAX_LENGTH} bytes. */
    NAME_TOO_LONG,
    /** A name contains {@code '/'}. */
    NAME_CONTAINS_SLASH,
    /** A name contains a NUL byte. */
    NAME_CONTAINS_NUL,
    /** A name is {@code "."}. */
    NAME_DOT,
    /** A name is {@code ".."}. */
    NAME_DOTDOT,
    /** Within one of the three lists a name is smaller than the one before it. */
    NAMES_NOT_SORTED,
    /** A name occurs twice, in the same list or in two of the three lists. */
    DUPLICATE_NAME,
    /** A digest in a node is not exactly 32 bytes. */
    DIGEST_WRONG_LENGTH,
    /** A symlink target is empty. */
    SYMLINK_TARGET_EMPTY,
    /** A symlink target is longer than {@link SymlinkTarget#MAX_LENGTH} bytes. */
    SYMLINK_TARGET_TOO_LONG,
    /** A symlink target contains a NUL byte. */
    SYMLINK_TARGET_CONTAINS_NUL,
    /** The directory's size does not fit in an unsigned 64-bit integer. */
    SIZE_OVERFLOW,
    /** A {@code Node} message has none of directory, file or symlink set. */
    NODE_UNSET,
    /** A message carries fields that castore.proto does not define. */
    UNKNOWN_FIELDS,
    /** The bytes are not a protobuf message at all. */
    MALFORMED_PROTO,
    /** The bytes decode, but are not the canonical encoding of what they decode to. */
    NOT_CANONICAL
  }

  private final Rule rule;
  private final String offending;

  /**
   * Creates the exception.
   *
   * @param rule the broken rule
   * @param offending the offending value, printable (see {@link PathComponent#toString()})
   * @param detail what exactly was wrong, for the message
   */
  public InvalidDirectoryException(Rule rule, String offending, String detail) {
    super(rule + ": " + detail + " (" + offending + ")");
    this.rule = rule;
    this.offending = offending;
  }

  /** Creates the exception, keeping the parse error that caused it. */
  public InvalidDirectoryException(Rule rule, String offending, String detail, Throwable cause) {
    super(rule + ": " + detail + " (" + offending + ")", cause);
    this.rule = rule;
    this.offending = offending;
  }

  /** The broken rule. */
  public Rule rule() {
    return rule;
  }

  /** The value that broke the rule, printable. */
  public String offending() {
    return offending;
  }
}
