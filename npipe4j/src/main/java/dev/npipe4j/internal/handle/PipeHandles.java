package dev.npipe4j.internal.handle;

import dev.npipe4j.NamedPipe;
import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.unix.SocketPipeIo;
import dev.npipe4j.internal.windows.IocpDriver;
import dev.npipe4j.internal.windows.WindowsBackend;
import dev.npipe4j.internal.windows.win32.Win32Platform;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reaches the OS handle under a {@link NamedPipe}: its socket's descriptor with the Linux backend,
 * its {@link SocketChannel} with the JDK socket backend; on Windows, the completion port its handle
 * is bound to, for an event loop to lead, and hooks run where its readiness changes.
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

  /**
   * Returns the completion port of the library's shared Windows driver, which the pipes of the
   * default backend are bound to, starting the driver if need be.
   *
   * @return the port, or null where Win32 is not available
   */
  public static @Nullable CompletionPort completionPort() {
    return Win32Platform.isAvailable() ? WindowsBackend.defaultDriver().completionPort() : null;
  }

  /**
   * Returns the completion port the pipe's handle is bound to, on Windows.
   *
   * @param pipe the pipe
   * @return the port, or null if the pipe is not a Windows pipe
   */
  public static @Nullable CompletionPort completionPort(NamedPipe pipe) {
    return IocpDriver.completionPortOf(endpoint(pipe));
  }

  /**
   * Runs {@code action} on the thread that makes the pipe readable (or closes it): with the Windows
   * backend, the thread dispatching its completion port. The action must run no user code and not
   * block; it queues the work it stands for (it may run under the pipe's lock).
   *
   * @param pipe the pipe
   * @param action what to run, once
   * @return true if registered; false, registering nothing, if a read would not block now (or the
   *     pipe is closed)
   */
  public static boolean whenReadable(NamedPipe pipe, Runnable action) {
    return endpoint(pipe).readiness().whenMet(Readiness.READABLE, action);
  }

  /**
   * As {@link #whenReadable}, for a write.
   *
   * @param pipe the pipe
   * @param action what to run, once
   * @return true if registered; false, registering nothing, if a write would not block now (or the
   *     pipe is closed)
   */
  public static boolean whenWritable(NamedPipe pipe, Runnable action) {
    return endpoint(pipe).readiness().whenMet(Readiness.WRITABLE, action);
  }

  private static PipeIo endpoint(NamedPipe pipe) {
    Objects.requireNonNull(pipe, "pipe");
    // Set: a pipe exists, so its classes have loaded.
    return Objects.requireNonNull(endpoints, "pipe endpoints are installed").apply(pipe);
  }
}
