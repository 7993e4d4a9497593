package dev.npipe4j.cli;

/**
 * The exit codes of the {@code npipe} command. {@link NpipeCommand} lists them in {@code --help}.
 */
final class ExitCodes {
  private ExitCodes() {}

  /** Success. */
  static final int OK = 0;

  /** An I/O error, an unexpected failure, or a demo that found a mismatch. */
  static final int FAILURE = 1;

  /** Bad arguments (picocli's usage-error code). */
  static final int USAGE = 2;

  /** No pipe of that name exists. */
  static final int NO_SUCH_PIPE = 3;

  /** Every instance of the pipe stayed busy. */
  static final int BUSY = 4;

  /** The operating system refused access. */
  static final int ACCESS_DENIED = 5;

  /** The operation is not supported on this OS, for example message mode on Unix. */
  static final int UNSUPPORTED = 6;
}
