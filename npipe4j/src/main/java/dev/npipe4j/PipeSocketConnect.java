package dev.npipe4j;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How a {@link NamedPipeSocket} opens its pipe with a {@code java.net} connect timeout: busy
 * instances are waited for up to the timeout (0: without limit), a missing pipe fails at once when
 * the timeout is 0, else when it passes. The wait is cut in slices, so closing the socket ends it.
 */
final class PipeSocketConnect {
  private PipeSocketConnect() {}

  /** The longest single wait, after which the socket's closed flag is checked again. */
  private static final long SLICE_MILLIS = 250;

  static NamedPipeClient open(String name, int timeoutMillis, BooleanSupplier closed)
      throws IOException {
    ClientOptions options = new ClientOptions();
    long deadline =
        timeoutMillis == 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
    boolean first = true;
    while (true) {
      if (closed.getAsBoolean()) {
        throw new SocketException("Socket is closed");
      }
      long left =
          deadline == Long.MAX_VALUE
              ? SLICE_MILLIS
              : Math.min(SLICE_MILLIS, (deadline - System.nanoTime()) / 1_000_000);
      try {
        // Without a timeout, a missing pipe fails at once, as a refused TCP connect does.
        return timeoutMillis == 0 && first
            ? options.open(name)
            : options.open(name, Duration.ofMillis(Math.max(left, 1)));
      } catch (PipeBusyException busy) {
        if (System.nanoTime() - deadline >= 0) {
          throw timedOut("every instance of " + name + " stayed busy", timeoutMillis, busy);
        }
      } catch (PipeNotFoundException missing) {
        if (timeoutMillis == 0) {
          throw refused(name, missing);
        }
        if (System.nanoTime() - deadline >= 0) {
          throw timedOut("no pipe " + name + " appeared", timeoutMillis, missing);
        }
      }
      first = false;
    }
  }

  private static ConnectException refused(String name, PipeNotFoundException cause) {
    ConnectException e = new ConnectException("no pipe " + name + " exists: " + cause.getMessage());
    e.initCause(cause);
    return e;
  }

  private static SocketTimeoutException timedOut(
      String what, int timeoutMillis, IOException cause) {
    SocketTimeoutException e =
        new SocketTimeoutException("connect timed out after " + timeoutMillis + " ms: " + what);
    e.initCause(cause);
    return e;
  }
}
