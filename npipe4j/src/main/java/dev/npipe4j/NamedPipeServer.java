package dev.npipe4j;

import dev.npipe4j.internal.PipeName;
import dev.npipe4j.internal.ServerPipeIo;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * One server instance of a named pipe, created by {@link ServerOptions#create(String)}.
 *
 * <p>An instance serves one client at a time. The idiomatic server loop creates the next instance
 * before handing the connected one off, so a client never finds the pipe missing:
 *
 * {@snippet :
 * ServerOptions options = new ServerOptions();
 * NamedPipeServer server = options.firstPipeInstance(true).create(name);
 * options.firstPipeInstance(false);
 * while (true) {
 *   server.connect().get();
 *   NamedPipeServer connected = server;
 *   server = options.create(name); // the next client can open now
 *   Thread.ofVirtual().start(() -> serve(connected));
 * }
 * }
 *
 * <p>{@link PipeListener} packages this loop.
 *
 * <h2>Unix</h2>
 *
 * <p>On Linux and macOS a pipe is a Unix domain socket. {@code \\.\pipe\NAME} maps to the socket
 * file {@code NAME} in a directory only the current user can enter (mode 0700): {@code
 * $XDG_RUNTIME_DIR/npipe4j/} when that variable is set, else {@code
 * ${java.io.tmpdir}/npipe4j-$USER/}. A directory owned by another user, or open to group or others,
 * is refused with {@link java.nio.file.AccessDeniedException}. {@code NAME} keeps its case (unlike
 * Windows, {@code Foo} and {@code foo} are two pipes), must not contain {@code /} and must not be
 * {@code .} or {@code ..}. An absolute path is used as is. The path must fit in {@code sun_path}
 * (107 bytes on Linux, 103 on macOS), else {@link IllegalArgumentException}.
 *
 * <p>All instances of a pipe in one process share one listening socket, whose file is deleted when
 * the last instance closes; each instance serves one accepted connection. A socket file left by a
 * dead process is replaced. A pipe served by another live process cannot get instances here, so
 * {@code create} fails with {@link java.nio.file.AccessDeniedException}, with or without {@link
 * ServerOptions#firstPipeInstance(boolean)}. A short handshake on each connection tells the client
 * whether an instance was free ({@link PipeBusyException} otherwise) and whether its directions are
 * allowed, and gives it the pipe's {@link PipeInfo}. After {@link #disconnect()} the old client's
 * reads return end of stream and its writes fail. {@link #peerProcessId()} is not available on
 * Unix: it fails with {@link PipeException}. Message mode and security descriptors are refused with
 * {@link UnsupportedOperationException}.
 */
public final class NamedPipeServer extends AbstractNamedPipe implements NamedPipe {
  private final ServerPipeIo server;

  NamedPipeServer(ServerPipeIo io, PipeName name) {
    super(io, name);
    this.server = io;
  }

  /**
   * Waits for a client to connect to this instance.
   *
   * <p>Cancel-safe: cancelling the future does not stop the instance listening, and a later call
   * waits for the same connection, which may already have arrived. If a client connected and left
   * before this call, the future completes and the first read returns end of stream.
   *
   * <p>Completing the connect also makes the pipe {@linkplain #writable() writable}.
   *
   * @return a future completed when a client is connected; it fails with the OS error, or with
   *     {@link java.nio.channels.AsynchronousCloseException} if the instance is closed first
   */
  public CompletableFuture<Void> connect() {
    return PipeEvents.accept(this, server.connect());
  }

  /**
   * Disconnects the current client, so this instance can {@link #connect()} the next one. Data not
   * yet read is discarded. The old client's next operation fails ({@code ERROR_PIPE_NOT_CONNECTED},
   * 233, on Windows). Nothing of the old connection, in particular no end of stream, reaches the
   * next client.
   *
   * @throws IOException if the OS refuses
   */
  public void disconnect() throws IOException {
    ensureOpen();
    server.disconnect();
  }
}
