package dev.npipe4j.cli;

import java.util.concurrent.ThreadLocalRandom;

/** Pipe names as the command accepts them. */
final class PipeNames {
  private PipeNames() {}

  /** The prefix of a local pipe name. */
  static final String LOCAL_PREFIX = "\\\\.\\pipe\\";

  /** The same prefix with forward slashes, as Docker and npiperelay spell it. */
  static final String SLASH_PREFIX = "//./pipe/";

  /** The help text for a NAME parameter. */
  static final String HELP =
      "the pipe: \\\\.\\pipe\\NAME, //./pipe/NAME, or a bare NAME meaning"
          + " \\\\.\\pipe\\NAME, or (Unix only) an absolute socket path";

  /**
   * Expands a name given on the command line: {@code //./pipe/NAME} becomes {@code \\.\pipe\NAME};
   * a bare name (no leading backslash or slash) gets the {@code \\.\pipe\} prefix, so shells need
   * no escaping; anything else is passed to the library as is, which validates it.
   *
   * @param arg the argument
   * @return the pipe name
   */
  static String expand(String arg) {
    if (arg.regionMatches(true, 0, SLASH_PREFIX, 0, SLASH_PREFIX.length())) {
      return LOCAL_PREFIX + arg.substring(SLASH_PREFIX.length());
    }
    if (arg.startsWith("\\") || arg.startsWith("/")) {
      return arg;
    }
    return LOCAL_PREFIX + arg;
  }

  /**
   * Makes a pipe name no other process is using, for the demo.
   *
   * @param prefix a short word that says what the pipe is for
   * @return {@code \\.\pipe\PREFIX-PID-RANDOM}
   */
  static String unique(String prefix) {
    return LOCAL_PREFIX
        + prefix
        + "-"
        + ProcessHandle.current().pid()
        + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
  }
}
