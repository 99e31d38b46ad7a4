package dev.tvixstore.web.launcher;

/** Start-up cannot go on; the message is the one line the user sees. */
public final class LaunchException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  public LaunchException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
