package dev.npipe4j.internal.unix;

import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.PipeBusyException;
import dev.npipe4j.PipeError;
import dev.npipe4j.PipeException;
import dev.npipe4j.PipeNotFoundException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Translates the JDK's socket exceptions into the public error model, with the {@code errno} the
 * message names.
 *
 * <p>The JDK reports a failed socket call as an {@link IOException} whose message is the C
 * library's {@code strerror} text. That text is the only trace of the errno, so it is matched here;
 * an unknown message keeps {@link PipeError#NO_OS_ERROR}.
 */
final class UnixErrors {
  private UnixErrors() {}

  static final int ENOENT = 2;
  static final int EAGAIN = 11;
  static final int EACCES = 13;
  static final int EBUSY = 16;
  static final int ENOTDIR = 20;
  static final int EPIPE = 32;
  static final int EPROTO = 71;
  static final int EOPNOTSUPP = 95;
  static final int EADDRINUSE = 98;
  static final int ECONNRESET = 104;
  static final int ENOTCONN = 107;
  static final int ETIMEDOUT = 110;
  static final int ECONNREFUSED = 111;

  /** Returns the errno a JDK exception message names, or 0 if unknown. */
  static int errno(IOException e) {
    String m = e.getMessage();
    if (m == null) {
      return PipeError.NO_OS_ERROR;
    }
    m = m.toLowerCase(Locale.ROOT);
    if (m.contains("no such file")) return ENOENT;
    if (m.contains("connection refused")) return ECONNREFUSED;
    if (m.contains("permission denied")) return EACCES;
    if (m.contains("broken pipe")) return EPIPE;
    if (m.contains("connection reset")) return ECONNRESET;
    if (m.contains("address already in use")) return EADDRINUSE;
    if (m.contains("not a directory")) return ENOTDIR;
    if (m.contains("temporarily unavailable")) return EAGAIN;
    if (m.contains("not connected")) return ENOTCONN;
    if (m.contains("timed out")) return ETIMEDOUT;
    // A localized message: the JDK's exception types still tell the common cases.
    if (e instanceof java.net.ConnectException) return ECONNREFUSED;
    return PipeError.NO_OS_ERROR;
  }

  /**
   * Translates a failure of a transfer or a close. Exceptions of the public model and the channel
   * closed family pass through unchanged.
   */
  static IOException transfer(String pipe, String op, IOException e) {
    if (e instanceof PipeError || e instanceof ClosedChannelException) {
      return e;
    }
    int errno = errno(e);
    PipeException p = new PipeException(op + " failed on " + pipe + ": " + e.getMessage(), errno);
    p.initCause(e);
    return p;
  }

  /** Translates a failure of a client's connect. */
  static IOException connect(
      String pipe, boolean isPipeName, java.nio.file.Path path, IOException e) {
    int errno = errno(e);
    if (errno == PipeError.NO_OS_ERROR && !java.nio.file.Files.exists(path)) {
      errno = ENOENT; // a localized message; the missing file says it all
    }
    IOException p =
        switch (errno) {
          case ENOENT, ENOTDIR ->
              new PipeNotFoundException(pipe, "no server listens (" + e.getMessage() + ")", errno);
          case ECONNREFUSED ->
              isPipeName
                  ? new PipeNotFoundException(
                      pipe,
                      "no server: its socket file is left over from a server that exited ("
                          + e.getMessage()
                          + ")",
                      errno)
                  : new PipeException(
                      pipe
                          + ": the socket file exists but no process accepts on it ("
                          + e.getMessage()
                          + ")",
                      errno);
          case EACCES -> new PipeAccessDeniedException(pipe, e.getMessage(), errno);
          case EAGAIN -> new PipeBusyException("every instance of " + pipe + " is busy", errno);
          default -> new PipeException("open failed on " + pipe + ": " + e.getMessage(), errno);
        };
    p.initCause(e);
    return p;
  }

  /** Translates a failure of a server's bind or of preparing its directory. */
  static IOException create(String pipe, IOException e) {
    if (e instanceof PipeError) {
      return e;
    }
    int errno = errno(e);
    IOException p =
        switch (errno) {
          case EACCES, EADDRINUSE -> new PipeAccessDeniedException(pipe, e.getMessage(), errno);
          default -> new PipeException("create failed on " + pipe + ": " + e.getMessage(), errno);
        };
    p.initCause(e);
    return p;
  }
}
