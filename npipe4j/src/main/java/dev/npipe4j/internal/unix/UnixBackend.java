package dev.npipe4j.internal.unix;

import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.ClientConfig;
import dev.npipe4j.internal.PipeBackend;
import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.PipeName;
import dev.npipe4j.internal.ServerConfig;
import dev.npipe4j.internal.ServerPipeIo;
import java.io.IOException;
import java.nio.file.Path;

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
public final class UnixBackend implements PipeBackend {
  private static final String NO_MESSAGES =
      "message mode needs the Linux backend (SOCK_SEQPACKET); the JDK socket backend carries byte"
          + " mode only";

  /** Creates the backend. */
  public UnixBackend() {}

  @Override
  public ServerPipeIo createServer(PipeName name, ServerConfig config) throws IOException {
    if (config.mode() == PipeMode.MESSAGE) {
      throw new UnsupportedOperationException(NO_MESSAGES);
    }
    Wire.refuseSecurityDescriptor(config);
    Path path = SocketPaths.resolve(name);
    return Listener.createInstance(name, path, config);
  }

  @Override
  public PipeIo openClient(PipeName name, ClientConfig config) throws IOException {
    if (config.mode() == PipeMode.MESSAGE) {
      throw new UnsupportedOperationException(NO_MESSAGES);
    }
    return UnixClientIo.open(name, SocketPaths.resolve(name), config);
  }

  @Override
  public boolean awaitInstance(PipeName name, long timeoutMillis) throws IOException {
    return SocketClientIo.awaitInstance(
        name, SocketPaths.resolve(name), timeoutMillis, UnixClientIo::probe);
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public Throwable unavailabilityCause() {
    return null;
  }
}
