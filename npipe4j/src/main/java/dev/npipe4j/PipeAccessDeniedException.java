package dev.npipe4j;

import java.nio.file.AccessDeniedException;
import org.jspecify.annotations.Nullable;

/**
 * The operating system refused access: a client asked for a direction the server does not allow,
 * the pipe's security descriptor denies the caller, or a {@link ServerOptions#firstPipeInstance}
 * create found the pipe already there.
 *
 * <p>An {@link AccessDeniedException}, so callers may catch the standard type; on Windows the code
 * is 5 ({@code ERROR_ACCESS_DENIED}), on Unix {@code EACCES} or {@code EADDRINUSE}.
 */
public final class PipeAccessDeniedException extends AccessDeniedException implements PipeError {
  private static final long serialVersionUID = 1L;

  /** The raw code; see {@link #osError()}. */
  private final int osError;

  /**
   * Creates an exception.
   *
   * @param pipeName the pipe's name
   * @param reason a short reason, or null
   * @param osError the raw operating-system code
   */
  public PipeAccessDeniedException(String pipeName, @Nullable String reason, int osError) {
    super(pipeName, null, reason);
    this.osError = osError;
  }

  @Override
  public int osError() {
    return osError;
  }
}
