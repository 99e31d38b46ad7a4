package dev.tvixstore.web.launcher;

/** The launcher's exit codes: one per kind of failure, so scripts can tell them apart. */
public enum ExitCode {
  OK(0),
  USAGE(2),
  BAD_CONFIG(3),
  PORT_IN_USE(4),
  DATA_DIR(5),
  DATABASE(6),
  DEPLOYMENT_FAILED(7);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }
}
