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
 * ServerOptions#firstPipeInstance(boolean)}. After {@link #disconnect()} the old client's reads
 * return end of stream and its writes fail.
 *
 * <h3>npipe4j peers and plain peers</h3>
 *
 * <p>A socket knows nothing of busy instances, allowed directions or {@link PipeInfo}, so npipe4j
 * peers agree on them out of band, and a peer that is not npipe4j never sees a byte it did not
 * send:
 *
 * <ul>
 *   <li>An npipe4j client of a {@code \.\pipe\} name binds its socket, before connecting, to a name
 *       in the pipe's socket directory that carries its request (read, write); the listener reads
 *       it from the peer address of the accepted connection, and answers that client, and only it,
 *       with a 20-byte reply: whether an instance was free ({@link PipeBusyException} otherwise),
 *       whether its directions are allowed ({@link PipeAccessDeniedException} otherwise), and the
 *       pipe's {@link PipeInfo}. A refused client never uses up an instance.
 *   <li>A <b>plain client</b> (socat, Python's {@code socket}, Go's {@code net.Dial("unix")}, C,
 *       curl, or any program) connects to the socket file and gets bytes only: it takes the oldest
 *       free instance, or waits in the listen queue until one is free, whatever the instance's
 *       directions; it learns nothing of the pipe's information. The listener keeps up to 512 such
 *       clients waiting (128 on the JDK-channel backend); past that it stops accepting, so further
 *       clients wait in the kernel's backlog, then in {@code connect} (or are refused there with
 *       {@code EAGAIN} if they connect without blocking). A connection the listener took is never
 *       closed for want of room.
 *   <li>An npipe4j client that opens an <b>absolute socket path</b> is a plain client: it binds
 *       nothing and writes nothing of its own, so it talks to any {@code AF_UNIX} stream server
 *       (Docker's {@code /var/run/docker.sock}, a gRPC server, Python's {@code http.server}) byte
 *       for byte. Its {@link #info()} reports no instance limit and the socket's own buffer sizes.
 * </ul>
 *
 * <p>{@link #peerCredentials()} gives the peer's process, user and group ({@code SO_PEERCRED}) on
 * Linux, for npipe4j and plain peers alike. There, with {@link
 * ServerOptions#currentUserOnly(boolean)}, the listener also closes at once every connection whose
 * peer runs as another user (which matters for a socket path outside the private directory).
 *
 * <h3>Message mode</h3>
 *
 * <p>On Linux a message pipe is a {@code SOCK_SEQPACKET} socket. A message travels as packets of at
 * most 64 KiB, each led by a 4-byte header counting the bytes of the message still to come, so
 * messages of any size up to 2 GiB arrive whole (a bare packet is bounded by the socket buffer, a
 * few hundred KiB by default) and a zero-byte message is told apart from the socket's own end (it
 * ends the peer's side, as {@link NamedPipe#closeWrite()} does on Windows; see {@link
 * NamedPipe#readMessage()}). That framing is npipe4j's own: a plain {@code SOCK_SEQPACKET} peer
 * sees the headers. A byte-mode client of a message pipe reads the messages' bytes as one stream,
 * as on Windows.
 *
 * <h3>Backends</h3>
 *
 * <p>On Linux (x86-64 and AArch64) the sockets are driven through libc by the FFM API, which needs
 * native access ({@code --enable-native-access=dev.npipe4j}). Elsewhere, or with the system
 * property {@code dev.npipe4j.unix.noNative=true}, the JDK's socket channels carry them: the same
 * API and handshake, in byte mode only (message mode is refused with {@link
 * UnsupportedOperationException}) and without the peer's process id. Security descriptors are
 * Windows-only and refused on Unix with {@link UnsupportedOperationException}.
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
   * Runs an action as the connected client, on the calling thread, and then as this process again:
   * {@code ImpersonateNamedPipeClient}, the action, and the previous token restored in a {@code
   * finally}, whether the action returns or throws. The shape is that of {@code
   * ScopedValue.Carrier.call}: the action's result is returned, and its exception, checked or not,
   * is thrown as is. The impersonation cannot outlive the call, so nothing can leak it.
   *
   * {@snippet :
   * server.connect().get();
   * server.readMessage().get();                        // the request
   * String secret = server.impersonate(() -> Files.readString(userFile)); // as the client
   * }
   *
   * <ul>
   *   <li><b>The client decides what the action may do</b>, with {@link
   *       ClientOptions#securityQosFlags(int)}. With the default {@link
   *       ClientOptions#SECURITY_IDENTIFICATION} the action can ask who the client is, but opening
   *       a file or key as the client fails ({@code ERROR_BAD_IMPERSONATION_LEVEL}, 1346); {@link
   *       ClientOptions#SECURITY_IMPERSONATION} lets it act as the client on this machine, {@link
   *       ClientOptions#SECURITY_DELEGATION} on others too. With {@link
   *       ClientOptions#SECURITY_ANONYMOUS} it runs as the anonymous user.
   *   <li><b>Platform threads only.</b> A Windows token belongs to the OS thread; a virtual thread
   *       can move to another carrier thread at any blocking call, and would leave the client's
   *       token on the carrier it left, for other virtual threads to run as. So a virtual thread is
   *       refused with {@link IllegalStateException}, before anything happens; hand the call to a
   *       platform thread. Inside the action, do not wait for work that may run on the same thread
   *       (a {@code ForkJoinPool} worker helping with a {@code join}), which would run as the
   *       client too.
   *   <li><b>Nesting.</b> A call inside another's action (of this pipe or another) restores the
   *       outer client when it ends, not this process.
   *   <li><b>If the token cannot be restored</b> (the restoring {@code SetThreadToken} or {@code
   *       RevertToSelf} fails, and so does the fallback {@code SetThreadToken(NULL, NULL)}), the
   *       thread would go on as the client. The method then throws an {@link Error}, carrying the
   *       action's own exception as suppressed, which ordinary handlers do not catch: the thread
   *       ends. Code that catches {@code Error} must not go on running on that thread.
   *   <li><b>Unix</b> has no per-thread identity to take from a socket: the method throws {@link
   *       UnsupportedOperationException}. Decide with {@link #peerCredentials()} instead.
   * </ul>
   *
   * @param action what to run as the client
   * @param <R> the action's result type
   * @param <X> the checked exception the action may throw
   * @return what the action returned
   * @throws X what the action threw
   * @throws IllegalStateException on a virtual thread
   * @throws UnsupportedOperationException on Unix
   * @throws java.nio.channels.ClosedChannelException if this instance is closed
   * @throws IOException if no client is connected ({@link PipeException}), or Windows refuses to
   *     impersonate it; the action has not run
   */
  public <R, X extends Throwable> R impersonate(ImpersonatedCall<? extends R, X> action)
      throws IOException, X {
    java.util.Objects.requireNonNull(action, "action");
    ensureOpen();
    return server.impersonate(action);
  }

  /**
   * An action run as the client by {@link #impersonate(ImpersonatedCall)}.
   *
   * @param <R> the result type
   * @param <X> the checked exception the action may throw
   */
  @FunctionalInterface
  public interface ImpersonatedCall<R, X extends Throwable> {
    /**
     * Runs the action.
     *
     * @return the result
     * @throws X if the action fails
     */
    R call() throws X;
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
