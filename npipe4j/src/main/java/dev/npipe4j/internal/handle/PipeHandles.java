package dev.npipe4j.internal.handle;

import dev.npipe4j.NamedPipe;
import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.unix.SocketPipeIo;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reaches the OS handle under a {@link NamedPipe}: its socket's descriptor with the Linux backend,
 * its {@link SocketChannel} with the JDK socket backend, nothing on Windows.
 */
public final class PipeHandles {
  private PipeHandles() {}

  /** The backend endpoint of a pipe; given once by the pipe classes. */
  private static volatile @Nullable Function<NamedPipe, PipeIo> endpoints;

  /**
   * Tells how a pipe's backend endpoint is found. Called once, by the pipe classes as they load.
   *
   * @param endpointOf the pipe's endpoint
   * @throws IllegalStateException if called again
   */
  public static synchronized void install(Function<NamedPipe, PipeIo> endpointOf) {
    if (endpoints != null) {
      throw new IllegalStateException("pipe endpoints are known already");
    }
    endpoints = Objects.requireNonNull(endpointOf, "endpointOf");
  }

  /**
   * Leases the descriptor of the pipe's connected socket, on the Linux backend.
   *
   * @param pipe the pipe
   * @return the lease, or null if the pipe has no descriptor (another backend, no connection, or
   *     closed)
   */
  public static @Nullable FdLease leaseFd(NamedPipe pipe) {
    return endpoint(pipe) instanceof SocketPipeIo io ? io.leaseFd() : null;
  }

  /**
   * Returns the pipe's connected, non-blocking socket channel, on the JDK socket backend. The
   * library's own selector watches it too; closing the pipe closes it.
   *
   * @param pipe the pipe
   * @return the channel, or null if the pipe has none (another backend, or no connection)
   */
  public static @Nullable SocketChannel socketChannel(NamedPipe pipe) {
    return endpoint(pipe) instanceof SocketPipeIo io ? io.socketChannel() : null;
  }

  private static PipeIo endpoint(NamedPipe pipe) {
    Objects.requireNonNull(pipe, "pipe");
    // Set: a pipe exists, so its classes have loaded.
    return Objects.requireNonNull(endpoints, "pipe endpoints are installed").apply(pipe);
  }
}
