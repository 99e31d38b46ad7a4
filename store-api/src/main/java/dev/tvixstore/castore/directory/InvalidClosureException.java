package dev.tvixstore.castore.directory;

import dev.tvixstore.error.InvalidRequestException;

/**
 * A closure of directories put to a {@link DirectoryService} breaks a rule of DESIGN.md §2 that
 * concerns more than one directory. Each rule has its own {@link Rule}; the message names the
 * directories involved.
 */
public class InvalidClosureException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  /** The closure rule that was broken. */
  public enum Rule {
    /** A child points to a directory neither sent earlier in the closure nor stored. */
    DANGLING_CHILD,
    /** A child's size differs from the size of the directory it points to. */
    CHILD_SIZE_MISMATCH,
    /** A directory sent is not reachable from the root (the last one sent). */
    UNCONNECTED,
    /** The closure has no directory at all. */
    EMPTY_CLOSURE
  }

  private final Rule rule;

  /** Creates the exception; {@code detail} names the directories involved. */
  public InvalidClosureException(Rule rule, String detail) {
    super(rule + ": " + detail);
    this.rule = rule;
  }

  /** The broken rule. */
  public Rule rule() {
    return rule;
  }
}
