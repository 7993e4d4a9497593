package dev.npipe4j;

/**
 * An exception that carries the raw operating-system error code behind it.
 *
 * <p>Every {@link java.io.IOException} that npipe4j raises for an OS failure implements this
 * interface: {@link PipeException}, {@link PipeBusyException}, {@link PipeNotFoundException} and
 * {@link PipeAccessDeniedException}. The code is a Win32 error code on Windows ({@code
 * GetLastError}) and an {@code errno} value on Unix, or {@link #NO_OS_ERROR} when the condition was
 * detected by npipe4j itself.
 *
 * {@snippet :
 * try {
 *   new ClientOptions().open(name);
 * } catch (java.nio.file.NoSuchFileException e) {
 *   int code = ((PipeError) e).osError(); // 2 (ERROR_FILE_NOT_FOUND) on Windows
 * }
 * }
 */
public sealed interface PipeError
    permits PipeException, PipeNotFoundException, PipeAccessDeniedException {

  /** The code reported when no operating-system call failed. */
  int NO_OS_ERROR = 0;

  /**
   * Returns the raw operating-system error code.
   *
   * @return the Win32 error code on Windows, {@code errno} on Unix, or {@link #NO_OS_ERROR}
   */
  int osError();
}
