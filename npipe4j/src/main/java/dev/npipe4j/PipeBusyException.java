package dev.npipe4j;

/**
 * Every instance of the pipe is busy: a client could not open it, or a server could not create
 * another instance beyond {@link ServerOptions#maxInstances(int)}.
 *
 * <p>On Windows the code is 231 ({@code ERROR_PIPE_BUSY}). A client can wait for a free instance
 * with {@link ClientOptions#open(String, java.time.Duration)}.
 */
public final class PipeBusyException extends PipeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message the detail message, which should name the pipe
   * @param osError the raw operating-system code
   */
  public PipeBusyException(String message, int osError) {
    super(message, osError);
  }
}
