package dev.npipe4j;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A non-blocking I/O action run by {@link NamedPipe#tryIo} and {@link NamedPipe#asyncIo}.
 *
 * <p>The action returns its result, or {@code null} if it would block; npipe4j then lowers the
 * readiness it was called for, and {@code asyncIo} waits for the next readiness event.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface IoCall<T> {
  /**
   * Runs the action.
   *
   * @return the result, or null if the action would block
   * @throws IOException if the action fails
   */
  @Nullable T call() throws IOException;
}
