package dev.npipe4j.cli;

import dev.npipe4j.PipeBusyException;
import dev.npipe4j.PipeError;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception that escaped a command into a one-line message on stderr and an {@link
 * ExitCodes exit code}. The stack trace is printed only with {@code --verbose}.
 */
final class Failures implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    Throwable cause = unwrap(ex);
    PrintWriter err = cmd.getErr();
    err.println("npipe: " + message(cause));
    if (NpipeCommand.isVerbose(cmd)) {
      cause.printStackTrace(err);
    }
    err.flush();
    return exitCode(cause);
  }

  /**
   * Strips the wrappers that futures add.
   *
   * @param t an exception
   * @return its cause if {@code t} is a {@link CompletionException} or {@link ExecutionException},
   *     else {@code t}
   */
  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Returns the exit code for a failure.
   *
   * @param t the failure, unwrapped
   * @return one of {@link ExitCodes}
   */
  static int exitCode(Throwable t) {
    return switch (t) {
      case NoSuchFileException e -> ExitCodes.NO_SUCH_PIPE;
      case PipeBusyException e -> ExitCodes.BUSY;
      case AccessDeniedException e -> ExitCodes.ACCESS_DENIED;
      case UnsupportedOperationException e -> ExitCodes.UNSUPPORTED;
      default -> ExitCodes.FAILURE;
    };
  }

  /**
   * Returns a one-line description of a failure.
   *
   * @param t the failure, unwrapped
   * @return the message, without a trailing period
   */
  static String message(Throwable t) {
    String text =
        switch (t) {
          case NoSuchFileException e -> "no such pipe: " + e.getFile();
          case PipeBusyException e -> "pipe busy: " + e.getMessage();
          case AccessDeniedException e ->
              "access denied: "
                  + e.getFile()
                  + (e.getReason() == null ? "" : " (" + e.getReason() + ")");
          case UnsupportedOperationException e ->
              "not supported on " + Platform.backend() + ": " + e.getMessage();
          default -> t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        };
    if (t instanceof PipeError p && p.osError() != PipeError.NO_OS_ERROR) {
      text += " [OS error " + p.osError() + "]";
    }
    return text;
  }
}
