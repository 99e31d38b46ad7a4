package dev.tvixstore.store;

import dev.tvixstore.error.InvalidRequestException;

/**
 * A PathInfo breaks a rule of DESIGN.md §3. Each rule has its own {@link Rule}; the message names
 * the offending value (index, name or digest).
 */
public class InvalidPathInfoException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  /** The PathInfo rule that was broken. */
  public enum Rule {
    /** The message has no root node. */
    MISSING_NODE,
    /** The message has no narinfo. */
    MISSING_NARINFO,
    /** The root node's name is not a valid store path basename. */
    ROOT_NAME_NOT_STORE_PATH,
    /** A reference is not 20 bytes. */
    REFERENCE_WRONG_LENGTH,
    /** {@code references} and {@code reference_names} differ in length. */
    REFERENCE_COUNT_MISMATCH,
    /** A reference name does not parse as a store path basename. */
    REFERENCE_NAME_INVALID,
    /** A reference name's digest differs from the reference at the same index. */
    REFERENCE_NAME_MISMATCH,
    /** The NAR SHA-256 is not 32 bytes. */
    NAR_SHA256_WRONG_LENGTH,
    /** The NAR size is zero (every NAR has at least its header) or negative. */
    NAR_SIZE_INVALID,
    /** The deriver does not form a valid {@code .drv} store path. */
    DERIVER_INVALID,
    /** The content address has an unknown type or a digest of the wrong length. */
    CA_INVALID,
    /** A signature has an invalid key name or is not 64 bytes. */
    SIGNATURE_INVALID,
    /** The root node's directories or blobs are not all stored. */
    CONTENT_MISSING,
    /** The path is stored already with other content (node, NAR hash or size). */
    CONFLICTS_WITH_STORED
  }

  private final Rule rule;

  /** Creates the exception; {@code detail} names the offending value. */
  public InvalidPathInfoException(Rule rule, String detail) {
    super(rule + ": " + detail);
    this.rule = rule;
  }

  /** Creates the exception, keeping the parse error that caused it. */
  public InvalidPathInfoException(Rule rule, String detail, Throwable cause) {
    super(rule + ": " + detail, cause);
    this.rule = rule;
  }

  /** The broken rule. */
  public Rule rule() {
    return rule;
  }
}
