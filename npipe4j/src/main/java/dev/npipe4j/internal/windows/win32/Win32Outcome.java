package dev.npipe4j.internal.windows.win32;

/**
 * What a Win32 result code means to the IOCP driver. Classify the code of a call that returned
 * FALSE ({@link Kernel32#lastError()}), or the status of a dequeued completion (read it from the
 * OVERLAPPED or GetOverlappedResult, not from OVERLAPPED_ENTRY.Internal:
 * WineDivergence.ENTRY_INTERNAL_GARBAGE in the tests).
 *
 * <p>Packets: a call that returned TRUE, or FALSE with {@link #PENDING}, queues exactly one
 * completion packet (unless FILE_SKIP_COMPLETION_PORT_ON_SUCCESS is on and it returned TRUE). Any
 * other immediate failure queues none, so the OVERLAPPED is free again at once.
 */
public enum Win32Outcome {
  /** ERROR_SUCCESS (0): done. */
  SUCCESS,
  /** ERROR_IO_PENDING (997): in flight; one packet will arrive. Not an error. */
  PENDING,
  /**
   * ERROR_PIPE_CONNECTED (535) from ConnectNamedPipe: a client is already there. Connected, no
   * packet queued, the OVERLAPPED is reusable at once.
   */
  CONNECTED,
  /**
   * ERROR_NO_DATA (232). From ConnectNamedPipe: a client connected and already closed (count it as
   * connected and let the first read see EOF, or drop the instance and arm the next). From
   * WriteFile: the peer closed its end, the pipe is broken for writing.
   */
  PEER_CLOSED,
  /**
   * ERROR_PIPE_LISTENING (536): the server end is waiting for a client (non-blocking connect, or
   * I/O before a client arrived; also DisconnectNamedPipe with a connect pending under Wine).
   */
  LISTENING,
  /**
   * ERROR_MORE_DATA (234): a message-mode read got part of a message; the count is valid and the
   * rest of the message is read next. Not an error.
   */
  MORE_DATA,
  /** ERROR_BROKEN_PIPE (109) or ERROR_HANDLE_EOF (38): end of stream, the peer closed. */
  EOF,
  /** ERROR_OPERATION_ABORTED (995): cancelled by CancelIoEx (or the issuing thread exited). */
  ABORTED,
  /** ERROR_PIPE_NOT_CONNECTED (233): the server disconnected this instance. */
  NOT_CONNECTED,
  /**
   * ERROR_FILE_NOT_FOUND (2) or ERROR_NO_MORE_FILES (18): nothing by that name, or no further entry
   * of a listing. Opening a pipe, it is raised like any failure ({@code PipeNotFoundException}).
   */
  NOT_FOUND,
  /**
   * ERROR_ABANDONED_WAIT_0 (735) or ERROR_INVALID_HANDLE (6): the handle is closed; waiting on a
   * completion port, the port was closed under the waiter.
   */
  CLOSED_HANDLE,
  /** WAIT_TIMEOUT (258): a wait ended with nothing to report. */
  TIMEOUT,
  /**
   * Anything else: a real failure, to be raised with {@code WindowsErrors.toIOException} (which
   * maps ERROR_ACCESS_DENIED and ERROR_PIPE_BUSY to their own types).
   */
  FAILED;

  /** Classifies a raw Win32 code. */
  public static Win32Outcome of(int code) {
    return switch (code) {
      case Win32.ERROR_SUCCESS -> SUCCESS;
      case Win32.ERROR_IO_PENDING -> PENDING;
      case Win32.ERROR_PIPE_CONNECTED -> CONNECTED;
      case Win32.ERROR_NO_DATA -> PEER_CLOSED;
      case Win32.ERROR_PIPE_LISTENING -> LISTENING;
      case Win32.ERROR_MORE_DATA -> MORE_DATA;
      case Win32.ERROR_BROKEN_PIPE, Win32.ERROR_HANDLE_EOF -> EOF;
      case Win32.ERROR_OPERATION_ABORTED -> ABORTED;
      case Win32.ERROR_PIPE_NOT_CONNECTED -> NOT_CONNECTED;
      case Win32.ERROR_FILE_NOT_FOUND, Win32.ERROR_NO_MORE_FILES -> NOT_FOUND;
      case Win32.ERROR_ABANDONED_WAIT_0, Win32.ERROR_INVALID_HANDLE -> CLOSED_HANDLE;
      case Win32.WAIT_TIMEOUT -> TIMEOUT;
      default -> FAILED;
    };
  }

  /**
   * Tells whether an overlapped call that returned this outcome queues a completion packet: the one
   * rule of the driver's in-flight accounting. A call that pends queues one; a call done at once
   * ({@link #SUCCESS}, or a partial message's {@link #MORE_DATA}) queues one unless {@code
   * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS} is on for the handle; any other immediate result queues
   * none, so the OVERLAPPED is free again at once.
   *
   * @param skipOnSuccess whether the handle is in skip-on-success mode
   */
  public boolean queuesPacket(boolean skipOnSuccess) {
    return this == PENDING || (isDone() && !skipOnSuccess);
  }

  /**
   * Tells whether the operation is done with a valid byte count: {@link #SUCCESS}, or the part of a
   * message that {@link #MORE_DATA} reports.
   */
  public boolean isDone() {
    return this == SUCCESS || this == MORE_DATA;
  }
}
