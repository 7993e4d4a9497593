package dev.npipe4j;

import java.io.IOException;

/**
 * An operating-system failure on a pipe that has no more specific exception type.
 *
 * <p>{@link #osError()} gives the raw code: for example 232 ({@code ERROR_NO_DATA}) for a write
 * after the peer has closed, or 233 ({@code ERROR_PIPE_NOT_CONNECTED}) after {@link
 * NamedPipeServer#disconnect()} on Windows.
 */
public sealed class PipeException extends IOException implements PipeError
    permits PipeBusyException {
  private static final long serialVersionUID = 1L;

  /** The raw code; see {@link #osError()}. */
  private final int osError;

  /**
   * Creates an exception.
   *
   * @param message the detail message, which should name the pipe and the operation
   * @param osError the raw operating-system code
   */
  public PipeException(String message, int osError) {
    super(message);
    this.osError = osError;
  }

  @Override
  public int osError() {
    return osError;
  }
}
