package dev.npipe4j.cli;

import dev.npipe4j.PipeTransport;

/** What the command reports about where it runs. */
final class Platform {
  private Platform() {}

  /**
   * Tells whether npipe4j uses its Windows backend here (also true under Wine).
   *
   * @return true on Windows
   */
  static boolean isWindows() {
    return PipeTransport.current() == PipeTransport.WINDOWS_NAMED_PIPES;
  }

  /**
   * Names the transport npipe4j uses on this OS.
   *
   * @return "Windows named pipes" or "Unix domain sockets"
   */
  static String backend() {
    return PipeTransport.current().description();
  }

  /**
   * Describes the OS and the JVM, for reports.
   *
   * @return for example "Linux 6.8.0 (amd64), Java 25"
   */
  static String os() {
    return System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " ("
        + System.getProperty("os.arch")
        + "), Java "
        + Runtime.version().feature();
  }
}
