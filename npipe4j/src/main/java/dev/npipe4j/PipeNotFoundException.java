package dev.npipe4j;

import java.nio.file.NoSuchFileException;

/**
 * There is no pipe of that name: no server has created an instance of it.
 *
 * <p>A {@link NoSuchFileException}, so callers may catch the standard type; on Windows the code is
 * 2 ({@code ERROR_FILE_NOT_FOUND}), on Unix {@code ENOENT} or {@code ECONNREFUSED}.
 */
public final class PipeNotFoundException extends NoSuchFileException implements PipeError {
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
  public PipeNotFoundException(String pipeName, String reason, int osError) {
    super(pipeName, null, reason);
    this.osError = osError;
  }

  @Override
  public int osError() {
    return osError;
  }
}
