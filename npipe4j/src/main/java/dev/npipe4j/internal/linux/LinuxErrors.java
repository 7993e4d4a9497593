package dev.npipe4j.internal.linux;

import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.PipeBusyException;
import dev.npipe4j.PipeException;
import dev.npipe4j.PipeNotFoundException;
import dev.npipe4j.internal.linux.libc.Errno;
import java.io.IOException;
import java.util.Map;

/**
 * The one table that turns an {@code errno} into the public error model, by the step that failed.
 *
 * <table>
 *   <caption>errno by step</caption>
 *   <tr><th>step</th><th>errno</th><th>exception</th></tr>
 *   <tr><td>open</td><td>ENOENT, ENOTDIR</td><td>{@code PipeNotFoundException}</td></tr>
 *   <tr><td>open</td><td>ECONNREFUSED</td><td>{@code PipeNotFoundException} for a pipe name
 *       (a server that exited left its socket file); for a socket path, a {@code PipeException}
 *       saying that the file exists but nothing listens on it</td></tr>
 *   <tr><td>open</td><td>EAGAIN</td><td>{@code PipeBusyException} (the listen backlog is
 *       full)</td></tr>
 *   <tr><td>open, create</td><td>EACCES, EPERM</td><td>{@code PipeAccessDeniedException}</td></tr>
 *   <tr><td>create</td><td>EADDRINUSE</td><td>{@code PipeAccessDeniedException}</td></tr>
 *   <tr><td>any</td><td>any other</td><td>{@code PipeException}</td></tr>
 * </table>
 *
 * <p>Every message names the pipe, the step and the errno's symbol.
 */
final class LinuxErrors {
  private LinuxErrors() {}

  /** The steps whose failures are translated differently. */
  enum Step {
    OPEN,
    CREATE,
    TRANSFER
  }

  private static final Map<Integer, String> SYMBOLS =
      Map.ofEntries(
          Map.entry(Errno.EPERM, "EPERM"),
          Map.entry(Errno.ENOENT, "ENOENT"),
          Map.entry(Errno.EINTR, "EINTR"),
          Map.entry(Errno.EBADF, "EBADF"),
          Map.entry(Errno.EAGAIN, "EAGAIN"),
          Map.entry(Errno.ENOMEM, "ENOMEM"),
          Map.entry(Errno.EACCES, "EACCES"),
          Map.entry(Errno.EBUSY, "EBUSY"),
          Map.entry(Errno.ENOTDIR, "ENOTDIR"),
          Map.entry(Errno.EINVAL, "EINVAL"),
          Map.entry(Errno.ENFILE, "ENFILE"),
          Map.entry(Errno.EMFILE, "EMFILE"),
          Map.entry(Errno.EPIPE, "EPIPE"),
          Map.entry(Errno.ENAMETOOLONG, "ENAMETOOLONG"),
          Map.entry(Errno.ELOOP, "ELOOP"),
          Map.entry(Errno.EPROTO, "EPROTO"),
          Map.entry(Errno.EMSGSIZE, "EMSGSIZE"),
          Map.entry(Errno.EPROTOTYPE, "EPROTOTYPE"),
          Map.entry(Errno.EOPNOTSUPP, "EOPNOTSUPP"),
          Map.entry(Errno.EADDRINUSE, "EADDRINUSE"),
          Map.entry(Errno.ECONNABORTED, "ECONNABORTED"),
          Map.entry(Errno.ECONNRESET, "ECONNRESET"),
          Map.entry(Errno.ENOBUFS, "ENOBUFS"),
          Map.entry(Errno.ENOTCONN, "ENOTCONN"),
          Map.entry(Errno.ETIMEDOUT, "ETIMEDOUT"),
          Map.entry(Errno.ECONNREFUSED, "ECONNREFUSED"));

  /** The errno's symbol, or {@code errno N} for one this table does not name. */
  static String symbol(int errno) {
    String s = SYMBOLS.get(errno);
    return s != null ? s : "errno " + errno;
  }

  /**
   * Translates a failure.
   *
   * @param step the step that failed
   * @param pipe the pipe's name as the user gave it
   * @param isPipeName true for a {@code \\.\pipe\} name, false for a socket path
   * @param what the call and its object, for the message
   * @param errno the error number
   */
  static IOException translate(Step step, String pipe, boolean isPipeName, String what, int errno) {
    String detail = what + ": " + symbol(errno);
    return switch (errno) {
      case Errno.ENOENT, Errno.ENOTDIR ->
          step == Step.TRANSFER
              ? new PipeException(pipe + ": " + detail, errno)
              : new PipeNotFoundException(pipe, "no server listens (" + detail + ")", errno);
      case Errno.ECONNREFUSED ->
          isPipeName
              ? new PipeNotFoundException(
                  pipe,
                  "no server: its socket file is left over from a server that exited ("
                      + detail
                      + ")",
                  errno)
              : new PipeException(
                  pipe + ": the socket file exists but no process accepts on it (" + detail + ")",
                  errno);
      case Errno.EAGAIN ->
          step == Step.OPEN
              ? new PipeBusyException(
                  "every instance of "
                      + pipe
                      + " is busy: its listen backlog is full ("
                      + detail
                      + ")",
                  errno)
              : new PipeException(pipe + ": " + detail, errno);
      case Errno.EACCES, Errno.EPERM ->
          step == Step.TRANSFER
              ? new PipeException(pipe + ": " + detail, errno)
              : new PipeAccessDeniedException(pipe, detail, errno);
      case Errno.EADDRINUSE ->
          step == Step.CREATE
              ? new PipeAccessDeniedException(pipe, "the socket is in use (" + detail + ")", errno)
              : new PipeException(pipe + ": " + detail, errno);
      case Errno.EPIPE ->
          new PipeException(pipe + ": the other end has closed (" + detail + ")", errno);
      default -> new PipeException(pipe + ": " + detail, errno);
    };
  }

  /** A failure outside any pipe's steps (the driver's own descriptors). */
  static PipeException io(String what, int errno) {
    return new PipeException(what + " failed: " + symbol(errno), errno);
  }
}
