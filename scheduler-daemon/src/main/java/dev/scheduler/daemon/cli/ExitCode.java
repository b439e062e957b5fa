package dev.scheduler.daemon.cli;

/** The exit codes of every command: a contract for scripts and for systemd. */
public enum ExitCode {
  OK(0),
  /** The operation failed. */
  FAILED(1),
  /** The command line was wrong. */
  USAGE(2),
  /** The configuration is invalid; systemd must not restart on it. */
  INVALID_CONFIG(3),
  /** The database cannot be reached or refuses us. */
  DATABASE_UNREACHABLE(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
