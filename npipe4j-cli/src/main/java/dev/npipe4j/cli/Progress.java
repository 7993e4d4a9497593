package dev.npipe4j.cli;

import java.io.PrintStream;

/**
 * A progress line that rewrites itself ({@code \r}), for a terminal only; otherwise it prints
 * nothing. Updates are throttled to ten a second.
 */
final class Progress {
  private static final long INTERVAL_NANOS = 100_000_000;

  private final PrintStream out;
  private final boolean on;
  private long last;
  private int width;

  /**
   * Creates the line.
   *
   * @param out where it is drawn
   * @param on whether to draw at all
   */
  Progress(PrintStream out, boolean on) {
    this.out = out;
    this.on = on;
  }

  /**
   * Tells whether the process's stdout is a terminal.
   *
   * @return true if a person is likely watching stdout
   */
  static boolean stdoutIsTerminal() {
    java.io.Console console = System.console();
    return console != null && console.isTerminal();
  }

  /**
   * Shows {@code text}, unless the last update was less than 100 ms ago.
   *
   * @param text one line, without a newline
   */
  void show(String text) {
    long now = System.nanoTime();
    if (!on || now - last < INTERVAL_NANOS) {
      return;
    }
    last = now;
    out.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
    out.flush();
    width = text.length();
  }

  /** Erases the line, so what follows starts at the left margin. */
  void clear() {
    if (on && width > 0) {
      out.print("\r" + " ".repeat(width) + "\r");
      out.flush();
      width = 0;
      last = 0;
    }
  }
}
