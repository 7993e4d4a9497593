package dev.npipe4j.internal.windows;

import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.PipeBusyException;
import dev.npipe4j.PipeException;
import dev.npipe4j.PipeNotFoundException;
import dev.npipe4j.internal.windows.win32.Kernel32System;
import dev.npipe4j.internal.windows.win32.Win32;
import dev.npipe4j.internal.windows.win32.Win32Platform;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Translates raw Win32 error codes into npipe4j's exceptions, at the edge of the Windows backend.
 * The raw code is always kept ({@code PipeError.osError()}). For the meaning of a code to the
 * driver (pending, connected, EOF, ...) see {@link
 * dev.npipe4j.internal.windows.win32.Win32Outcome}.
 */
public final class WindowsErrors {
  private WindowsErrors() {}

  /** Symbolic names and Windows' own English texts, used off Windows and as a fallback. */
  private static final Map<Integer, String[]> TABLE =
      Map.ofEntries(
          entry(
              Win32.ERROR_FILE_NOT_FOUND,
              "ERROR_FILE_NOT_FOUND",
              "The system cannot find the file specified."),
          entry(
              Win32.ERROR_PATH_NOT_FOUND,
              "ERROR_PATH_NOT_FOUND",
              "The system cannot find the path specified."),
          entry(Win32.ERROR_ACCESS_DENIED, "ERROR_ACCESS_DENIED", "Access is denied."),
          entry(Win32.ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE", "The handle is invalid."),
          entry(Win32.ERROR_HANDLE_EOF, "ERROR_HANDLE_EOF", "Reached the end of the file."),
          entry(
              Win32.ERROR_BAD_DEV_TYPE,
              "ERROR_BAD_DEV_TYPE",
              "The network resource type is not correct."),
          entry(
              Win32.ERROR_INVALID_PARAMETER,
              "ERROR_INVALID_PARAMETER",
              "The parameter is incorrect."),
          entry(Win32.ERROR_BROKEN_PIPE, "ERROR_BROKEN_PIPE", "The pipe has been ended."),
          entry(
              Win32.ERROR_SEM_TIMEOUT,
              "ERROR_SEM_TIMEOUT",
              "The semaphore timeout period has expired."),
          entry(
              Win32.ERROR_INSUFFICIENT_BUFFER,
              "ERROR_INSUFFICIENT_BUFFER",
              "The data area passed to a system call is too small."),
          entry(
              Win32.ERROR_INVALID_NAME,
              "ERROR_INVALID_NAME",
              "The filename, directory name, or volume label syntax is incorrect."),
          entry(Win32.ERROR_BAD_PATHNAME, "ERROR_BAD_PATHNAME", "The specified path is invalid."),
          entry(Win32.ERROR_PIPE_BUSY, "ERROR_PIPE_BUSY", "All pipe instances are busy."),
          entry(Win32.ERROR_NO_DATA, "ERROR_NO_DATA", "The pipe is being closed."),
          entry(
              Win32.ERROR_PIPE_NOT_CONNECTED,
              "ERROR_PIPE_NOT_CONNECTED",
              "No process is on the other end of the pipe."),
          entry(Win32.ERROR_MORE_DATA, "ERROR_MORE_DATA", "More data is available."),
          entry(Win32.WAIT_TIMEOUT, "WAIT_TIMEOUT", "The wait operation timed out."),
          entry(
              Win32.ERROR_PIPE_CONNECTED,
              "ERROR_PIPE_CONNECTED",
              "There is a process on other end of the pipe."),
          entry(
              Win32.ERROR_PIPE_LISTENING,
              "ERROR_PIPE_LISTENING",
              "Waiting for a process to open the other end of the pipe."),
          entry(
              Win32.ERROR_OPERATION_ABORTED,
              "ERROR_OPERATION_ABORTED",
              "The I/O operation has been aborted because of either a thread exit or an application request."),
          entry(
              Win32.ERROR_IO_INCOMPLETE,
              "ERROR_IO_INCOMPLETE",
              "Overlapped I/O event is not in a signaled state."),
          entry(
              Win32.ERROR_IO_PENDING,
              "ERROR_IO_PENDING",
              "Overlapped I/O operation is in progress."),
          entry(Win32.ERROR_NOT_FOUND, "ERROR_NOT_FOUND", "Element not found."),
          entry(
              Win32.ERROR_PRIVILEGE_NOT_HELD,
              "ERROR_PRIVILEGE_NOT_HELD",
              "A required privilege is not held by the client."),
          entry(
              Win32.ERROR_NO_TOKEN,
              "ERROR_NO_TOKEN",
              "An attempt was made to reference a token that does not exist."),
          entry(
              Win32.ERROR_BAD_IMPERSONATION_LEVEL,
              "ERROR_BAD_IMPERSONATION_LEVEL",
              "Either a required impersonation level was not provided, or the provided impersonation level is invalid."),
          entry(
              Win32.ERROR_CANT_OPEN_ANONYMOUS,
              "ERROR_CANT_OPEN_ANONYMOUS",
              "Cannot open an anonymous level security token."),
          entry(
              Win32.ERROR_CANNOT_IMPERSONATE,
              "ERROR_CANNOT_IMPERSONATE",
              "Unable to impersonate using a named pipe until data has been read from that pipe."));

  private static Map.Entry<Integer, String[]> entry(int code, String name, String text) {
    return Map.entry(code, new String[] {name, text});
  }

  /**
   * Returns the exception for a failed Win32 call on a pipe: {@link PipeNotFoundException} for
   * ERROR_FILE_NOT_FOUND (2), {@link PipeAccessDeniedException} for ERROR_ACCESS_DENIED (5), {@link
   * PipeBusyException} for ERROR_PIPE_BUSY (231), else {@link PipeException}. The message names the
   * operation, the pipe, the system's text for the code, its symbolic name and its number.
   *
   * @param code the raw Win32 code (kept as {@code osError()})
   * @param pipeName the pipe's name, for the message
   * @param operation what failed, for example {@code "CreateFileW"} or {@code "connect"}
   */
  public static IOException toIOException(int code, String pipeName, String operation) {
    String detail = operation + ": " + describe(code);
    return switch (code) {
      case Win32.ERROR_FILE_NOT_FOUND -> new PipeNotFoundException(pipeName, detail, code);
      case Win32.ERROR_ACCESS_DENIED -> new PipeAccessDeniedException(pipeName, detail, code);
      case Win32.ERROR_PIPE_BUSY -> new PipeBusyException(pipeName + ": " + detail, code);
      default -> new PipeException(pipeName + ": " + detail, code);
    };
  }

  /**
   * Returns the symbolic name of a code ({@code "ERROR_PIPE_BUSY"}), or null if not in the table.
   */
  public static @Nullable String name(int code) {
    String[] e = TABLE.get(code);
    return e == null ? null : e[0];
  }

  /**
   * Describes a code: the system's message (FormatMessageW) on Windows, the fixed table elsewhere,
   * followed by the symbolic name when known and the number, for example {@code "All pipe instances
   * are busy. (ERROR_PIPE_BUSY, Win32 error 231)"}.
   */
  public static String describe(int code) {
    String[] e = TABLE.get(code);
    String text = null;
    if (Win32Platform.isAvailable()) {
      try {
        text = Kernel32System.systemMessage(code);
      } catch (RuntimeException | LinkageError ignored) {
        // fall back to the table
      }
    }
    if (text == null) {
      text = e != null ? e[1] : "Unknown error.";
    }
    return text + " (" + (e != null ? e[0] + ", " : "") + "Win32 error " + code + ")";
  }
}
