package dev.npipe4j.internal.unix;

import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.PipeName;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Named pipes over Unix domain sockets ({@code AF_UNIX}, {@code SOCK_STREAM}) on JDK channels: the
 * portable fallback where the Linux backend is not available.
 *
 * <ul>
 *   <li>Names map to socket paths as {@link SocketPaths} describes.
 *   <li>All instances of a pipe in one process share one listening socket ({@link Listener}); a
 *       server instance is one accepted connection.
 *   <li>A connection to a {@code \\.\pipe\} name opens with the handshake of {@link Wire}, which
 *       carries what a socket lacks: busy instances, allowed directions and the pipe's information.
 *       A socket path is a plain socket both ways.
 *   <li>One {@link UnixDriver} thread turns selector events into readiness.
 *   <li>Byte mode only: message mode needs the Linux backend's {@code SOCK_SEQPACKET} sockets.
 * </ul>
 */
public final class UnixBackend extends SocketBackend {
  private static final String NO_MESSAGES =
      "message mode needs the Linux backend (SOCK_SEQPACKET); the JDK socket backend carries byte"
          + " mode only";

  /** Creates the backend. */
  public UnixBackend() {
    super(Listener::createInstance, UnixClientIo::open);
  }

  @Override
  protected void requireServerIsCurrentUser(PipeIo client, PipeName name) throws IOException {
    UnixIdentity.requireServerIsCurrentUser((UnixClientIo) client, name.text());
  }

  @Override
  protected void checkMode(PipeMode mode) {
    if (mode == PipeMode.MESSAGE) {
      throw new UnsupportedOperationException(NO_MESSAGES);
    }
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public @Nullable Throwable unavailabilityCause() {
    return null;
  }
}
