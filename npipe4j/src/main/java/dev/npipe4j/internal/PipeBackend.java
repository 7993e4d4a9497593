package dev.npipe4j.internal;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The operating-system side of npipe4j: creates server instances and opens clients.
 *
 * <p>{@link Backends#current()} picks the implementation for the running OS.
 */
public interface PipeBackend {
  /**
   * Creates a server instance.
   *
   * @param name the validated pipe name
   * @param config the server options
   * @return a new, not yet connected, instance
   * @throws IOException if the OS refuses; {@code PipeBusyException} when no more instances are
   *     allowed, {@code PipeAccessDeniedException} for a refused first instance
   */
  ServerPipeIo createServer(PipeName name, ServerConfig config) throws IOException;

  /**
   * Opens a client without waiting.
   *
   * @param name the validated pipe name
   * @param config the client options
   * @return the connected client end
   * @throws IOException {@code PipeNotFoundException} if no instance exists, {@code
   *     PipeBusyException} if every instance is busy; a caller that waits opens again (the wait
   *     policy is the public layer's, one for every backend)
   */
  PipeIo openClient(PipeName name, ClientConfig config) throws IOException;

  /**
   * Tells whether this backend can run here.
   *
   * @return true if available
   */
  boolean isAvailable();

  /**
   * Explains why {@link #isAvailable()} is false.
   *
   * @return the cause, or null when available
   */
  @Nullable Throwable unavailabilityCause();
}
