package dev.npipe4j.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * The standard streams a command uses. {@link Main} passes the process's own; tests pass byte
 * arrays.
 *
 * @param in what {@code connect} copies to the pipe
 * @param out where pipe data and reports go (binary safe)
 * @param err where diagnostics go
 */
public record Streams(InputStream in, OutputStream out, PrintStream err) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if any is null
   */
  public Streams {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }

  /**
   * Returns the process's standard streams.
   *
   * @return {@code System.in}, {@code System.out} and {@code System.err}
   */
  public static Streams system() {
    return new Streams(System.in, System.out, System.err);
  }
}
