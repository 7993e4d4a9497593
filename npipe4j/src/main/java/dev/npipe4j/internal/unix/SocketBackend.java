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
 * A backend over Unix domain sockets, in the two variants (the JDK's channels, Linux's libc): names
 * map to socket paths ({@link SocketPaths}) before anything else, security descriptors are refused
 * ({@link Wire#refuseSecurityDescriptor}), and a client with {@code currentUserOnly} checks the
 * server's user before it is handed out ({@link #requireServerIsCurrentUser}).
 */
public abstract class SocketBackend implements PipeBackend {
  /** Creates a server instance of the pipe at a socket path. */
  @FunctionalInterface
  protected interface Create {
    ServerPipeIo create(PipeName name, Path path, ServerConfig config) throws IOException;
  }

  /** Opens a client of the pipe at a socket path. */
  @FunctionalInterface
  protected interface Open {
    PipeIo open(PipeName name, Path path, ClientConfig config) throws IOException;
  }

  private final Create create;
  private final Open open;

  /**
   * Creates the backend from its variant's listener and client.
   *
   * @param create creates server instances
   * @param open opens clients
   */
  protected SocketBackend(Create create, Open open) {
    this.create = create;
    this.open = open;
  }

  /**
   * Refuses a mode this backend cannot carry; by default none.
   *
   * @throws UnsupportedOperationException if it cannot
   */
  protected void checkMode(PipeMode mode) {}

  /**
   * Refuses a client whose server runs as another user, for {@code currentUserOnly}.
   *
   * @param client the client just opened, which the caller closes if this throws
   * @throws IOException {@code PipeAccessDeniedException} naming both users
   */
  protected abstract void requireServerIsCurrentUser(PipeIo client, PipeName name)
      throws IOException;

  @Override
  public final ServerPipeIo createServer(PipeName name, ServerConfig config) throws IOException {
    checkMode(config.mode());
    Wire.refuseSecurityDescriptor(config);
    return create.create(name, SocketPaths.resolve(name), config);
  }

  @Override
  public final PipeIo openClient(PipeName name, ClientConfig config) throws IOException {
    checkMode(config.mode());
    PipeIo client = open.open(name, SocketPaths.resolve(name), config);
    if (config.currentUserOnly()) {
      requireServerIsCurrentUser(client, name);
    }
    return client;
  }
}
