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
 * ({@link Wire#refuseSecurityDescriptor}), and waiting for an instance probes the listener ({@link
 * SocketClientIo#awaitInstance}).
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
  private final SocketClientIo.Probe probe;

  /**
   * Creates the backend from its variant's listener and client.
   *
   * @param create creates server instances
   * @param open opens clients
   * @param probe asks a listener whether an instance waits, without taking it
   */
  protected SocketBackend(Create create, Open open, SocketClientIo.Probe probe) {
    this.create = create;
    this.open = open;
    this.probe = probe;
  }

  /**
   * Refuses a mode this backend cannot carry; by default none.
   *
   * @throws UnsupportedOperationException if it cannot
   */
  protected void checkMode(PipeMode mode) {}

  @Override
  public final ServerPipeIo createServer(PipeName name, ServerConfig config) throws IOException {
    checkMode(config.mode());
    Wire.refuseSecurityDescriptor(config);
    return create.create(name, SocketPaths.resolve(name), config);
  }

  @Override
  public final PipeIo openClient(PipeName name, ClientConfig config) throws IOException {
    checkMode(config.mode());
    return open.open(name, SocketPaths.resolve(name), config);
  }

  @Override
  public final boolean awaitInstance(PipeName name, long timeoutMillis) throws IOException {
    return SocketClientIo.awaitInstance(name, SocketPaths.resolve(name), timeoutMillis, probe);
  }
}
