package dev.npipe4j.cli;

import java.nio.file.Path;
import java.util.Locale;

/** What the command reports about where it runs, and where Unix pipes live. */
final class Platform {
  private Platform() {}

  /**
   * Tells whether npipe4j uses its Windows backend here (also true under Wine).
   *
   * @return true on Windows
   */
  static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }

  /**
   * Names the transport npipe4j uses on this OS.
   *
   * @return "Windows named pipes" or "Unix domain sockets"
   */
  static String backend() {
    return isWindows() ? "Windows named pipes" : "Unix domain sockets";
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

  /**
   * Returns the directory that holds the socket files of {@code \\.\pipe\NAME} pipes on Unix,
   * computed as the Unix backend does (the library has no public accessor for it): {@code
   * $XDG_RUNTIME_DIR/npipe4j} when that variable holds an absolute path, else {@code
   * ${java.io.tmpdir}/npipe4j-${user.name}}.
   *
   * @return the directory, which may not exist
   */
  static Path unixPipeDirectory() {
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    if (runtime != null && runtime.startsWith("/")) {
      return Path.of(runtime, "npipe4j");
    }
    return Path.of(
        System.getProperty("java.io.tmpdir"), "npipe4j-" + System.getProperty("user.name"));
  }
}
