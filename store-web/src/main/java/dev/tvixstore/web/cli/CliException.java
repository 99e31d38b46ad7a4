package dev.tvixstore.web.cli;

/** Ends a command with a one-line reason and an exit status. */
final class CliException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Bad arguments. */
  static final int USAGE = 2;
  /** The server answered with an error, or the operation failed. */
  static final int FAILED = 1;
  /** The server could not be reached or answered nonsense. */
  static final int UNREACHABLE = 3;

  private final int status;

  CliException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
