package dev.npipe4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Socket} over the client end of a named pipe, for code that talks through {@code
 * java.net} sockets: JDBC drivers, HTTP clients, Docker clients. {@link NamedPipeSocketFactory}
 * makes them for code that takes a {@link javax.net.SocketFactory}.
 *
 * {@snippet :
 * try (Socket socket = new NamedPipeSocket()) {
 *   socket.connect(NamedPipeSocketAddress.of("\\\\.\\pipe\\docker_engine"), 5_000);
 *   socket.setSoTimeout(10_000);
 *   socket.getOutputStream().write(request);
 *   socket.shutdownOutput(); // the server reads end of stream, and still answers
 *   byte[] answer = socket.getInputStream().readAllBytes();
 * }
 * }
 *
 * <p>What holds, as for a TCP socket:
 *
 * <ul>
 *   <li>{@link #connect(SocketAddress, int)} takes a {@link NamedPipeSocketAddress}. A socket made
 *       by a {@link NamedPipeSocketFactory} also takes any other address, such as the {@code
 *       InetSocketAddress} a driver builds from its host and port, and connects to the factory's
 *       pipe. While every instance of the pipe is busy, connect waits up to the timeout (0: without
 *       limit); a pipe that does not exist fails at once with a {@link java.net.ConnectException}
 *       when the timeout is 0, else when the timeout passes (it may appear meanwhile). A connect
 *       that times out throws {@link java.net.SocketTimeoutException}. A failed connect closes the
 *       socket.
 *   <li>{@link #setSoTimeout(int)} bounds every read: a read that times out throws {@link
 *       java.net.SocketTimeoutException} and has consumed nothing, so the next read gets every
 *       byte.
 *   <li>{@link #shutdownOutput()} is {@link NamedPipe#closeWrite()}: the peer reads end of stream
 *       and can still answer. On Windows that needs a pipe of message type (Docker's and go-winio's
 *       pipes are); on a byte-type pipe it throws a {@link SocketException} saying so.
 *   <li>{@link #shutdownInput()} makes reads return end of stream, at once, also for a read blocked
 *       in another thread (on Windows, a platform thread's blocked read waits in the OS, for speed,
 *       and sees it within 50 ms). A pipe cannot refuse the peer's bytes, so they stay unread in
 *       the pipe until the socket is closed.
 *   <li>{@link #close()} from another thread makes a blocked read or write throw {@link
 *       SocketException}. Interrupting a thread blocked in a read or write closes the socket and
 *       throws {@link SocketException}, as a JDK socket does on a virtual thread.
 *   <li>A transfer that fails because the peer has gone throws a {@link SocketException} whose
 *       cause is the pipe's exception (a {@link PipeError}, with the OS code).
 *   <li>The TCP options ({@code setTcpNoDelay}, {@code setKeepAlive}, {@code setSoLinger}, {@code
 *       setSendBufferSize}, {@code setReceiveBufferSize}, {@code setReuseAddress}, {@code
 *       setTrafficClass}, {@code setOOBInline} and their {@link java.net.StandardSocketOptions},
 *       and {@code jdk.net.ExtendedSocketOptions}' {@code TCP_KEEPIDLE}, {@code TCP_KEEPINTERVAL},
 *       {@code TCP_KEEPCOUNT} and {@code TCP_QUICKACK}, which HTTP clients set on Linux) are
 *       accepted, remembered and returned, and change nothing: a pipe hands every write to the OS
 *       at once, and its buffers are sized by the server. Other options throw {@link
 *       UnsupportedOperationException}, as {@link Socket#setOption} specifies. Urgent data is
 *       refused.
 *   <li>A pipe has no IP address: while connected, {@link #getInetAddress()} and {@link
 *       #getLocalAddress()} return the loopback address, {@link #getPort()} returns 0 and {@link
 *       #getLocalPort()} -1, so drivers that log them keep working. {@link
 *       #getRemoteSocketAddress()} and {@link #getLocalSocketAddress()} both return the pipe's
 *       {@link NamedPipeSocketAddress}, since both ends share the one name. {@link #getChannel()}
 *       returns null.
 * </ul>
 *
 * <p>Writes block until every byte is handed to the pipe; reads return what has arrived, at least
 * one byte. A blocked virtual thread parks and frees its carrier. On Linux the socket runs over the
 * Unix domain socket backend, the same way.
 */
public final class NamedPipeSocket extends Socket {
  /**
   * 127.0.0.1, built from its bytes: {@link InetAddress#getLoopbackAddress()} would query the
   * network interfaces, which a pipe has no need of.
   */
  private static final InetAddress LOOPBACK = loopback();

  private final PipeSocketImpl options;

  /** Where a connect to an address of another type goes (a factory's pipe), or null. */
  private final @Nullable NamedPipeSocketAddress target;

  private final Object lock = new Object();

  /** Guarded by {@link #lock}, as are the flags below. */
  private @Nullable NamedPipeClient pipe;

  private @Nullable NamedPipeSocketAddress remote;
  private boolean connecting;
  private volatile boolean closed;
  private volatile boolean inputShut;
  private volatile boolean outputShut;
  private PipeSocketStreams.@Nullable Input in;
  private PipeSocketStreams.@Nullable Output out;

  /**
   * Creates an unconnected socket; {@link #connect(SocketAddress, int)} needs a {@link
   * NamedPipeSocketAddress}.
   *
   * @throws SocketException never; declared by {@link Socket}'s constructor
   */
  public NamedPipeSocket() throws SocketException {
    this((NamedPipeSocketAddress) null);
  }

  /**
   * Creates a socket connected to a pipe, waiting without limit while every instance is busy.
   *
   * @param pipe the pipe's name, in a form {@link NamedPipeSocketAddress#of(String)} takes
   * @throws IllegalArgumentException if the name is malformed
   * @throws java.net.ConnectException if the pipe does not exist
   * @throws IOException if the pipe cannot be opened
   */
  public NamedPipeSocket(String pipe) throws IOException {
    this((NamedPipeSocketAddress) null);
    connect(NamedPipeSocketAddress.of(pipe));
  }

  /**
   * Creates a connected socket over a client already opened, for example with {@link ClientOptions}
   * of one's own choosing. The socket owns the client from now on: closing it closes the client.
   *
   * @param client the open client
   * @throws SocketException if the client is closed
   */
  public NamedPipeSocket(NamedPipeClient client) throws SocketException {
    this((NamedPipeSocketAddress) null);
    Objects.requireNonNull(client, "client");
    if (!client.isOpen()) {
      throw new SocketException("the pipe client is closed");
    }
    attach(client, NamedPipeSocketAddress.of(client.name()));
  }

  /** A socket whose connect to a non-pipe address goes to {@code target}. */
  NamedPipeSocket(@Nullable NamedPipeSocketAddress target) throws SocketException {
    this(new PipeSocketImpl(), target);
  }

  private NamedPipeSocket(PipeSocketImpl options, @Nullable NamedPipeSocketAddress target)
      throws SocketException {
    super(options);
    this.options = options;
    this.target = target;
  }

  /**
   * Connects to a pipe, waiting without limit while every instance is busy. See {@link
   * #connect(SocketAddress, int)}.
   *
   * @param endpoint the pipe's address
   * @throws IOException as {@link #connect(SocketAddress, int)}
   */
  @Override
  public void connect(SocketAddress endpoint) throws IOException {
    connect(endpoint, 0);
  }

  /**
   * Connects to a pipe, as the class description says.
   *
   * @param endpoint a {@link NamedPipeSocketAddress}; or, for a socket of a {@link
   *     NamedPipeSocketFactory}, any address (the factory's pipe is used)
   * @param timeout the longest wait in milliseconds, 0 for no limit
   * @throws IllegalArgumentException if the address is of another type, or the timeout negative
   * @throws java.net.ConnectException if the pipe does not exist
   * @throws java.net.SocketTimeoutException if the timeout passes first
   * @throws SocketException if the socket is closed or already connected
   * @throws IOException if the pipe cannot be opened; the socket is then closed
   */
  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    if (timeout < 0) {
      throw new IllegalArgumentException("connect: timeout can't be negative: " + timeout);
    }
    NamedPipeSocketAddress address = endpoint instanceof NamedPipeSocketAddress a ? a : target;
    if (address == null) {
      throw new IllegalArgumentException(
          "a named pipe socket connects to a NamedPipeSocketAddress, not "
              + (endpoint == null ? "null" : endpoint.getClass().getName() + " " + endpoint));
    }
    synchronized (lock) {
      if (closed) {
        throw new SocketException("Socket is closed");
      }
      if (pipe != null || connecting) {
        throw new SocketException("Already connected");
      }
      connecting = true;
    }
    NamedPipeClient client;
    try {
      client = PipeSocketConnect.open(address.name(), timeout, () -> closed);
    } catch (IOException | RuntimeException e) {
      synchronized (lock) {
        connecting = false;
      }
      close();
      throw e;
    }
    synchronized (lock) {
      connecting = false;
      if (!closed) {
        attach(client, address);
        return;
      }
    }
    client.close(); // closed while connecting
    throw new SocketException("Socket is closed");
  }

  private void attach(NamedPipeClient client, NamedPipeSocketAddress address) {
    synchronized (lock) {
      pipe = client;
      remote = address;
      in = new PipeSocketStreams.Input(this, client, options);
      out = new PipeSocketStreams.Output(this, client);
    }
  }

  /**
   * Binds nothing: a pipe client has no local address. {@code null} is accepted (as "any"), so
   * drivers that bind to it keep working.
   *
   * @param bindpoint null
   * @throws SocketException if {@code bindpoint} is not null, or the socket is closed
   */
  @Override
  public void bind(SocketAddress bindpoint) throws IOException {
    if (closed) {
      throw new SocketException("Socket is closed");
    }
    if (bindpoint != null) {
      throw new SocketException("a named pipe socket cannot bind to " + bindpoint);
    }
  }

  @Override
  public InputStream getInputStream() throws IOException {
    synchronized (lock) {
      checkConnected();
      if (inputShut) {
        throw new SocketException("Socket input is shutdown");
      }
      return Objects.requireNonNull(in, "set with the pipe");
    }
  }

  @Override
  public OutputStream getOutputStream() throws IOException {
    synchronized (lock) {
      checkConnected();
      if (outputShut) {
        throw new SocketException("Socket output is shutdown");
      }
      return Objects.requireNonNull(out, "set with the pipe");
    }
  }

  /**
   * Ends the write direction with {@link NamedPipe#closeWrite()}: the peer reads end of stream.
   *
   * @throws SocketException if the socket is closed, not connected or already shut for output, or
   *     if the pipe has no half-close (a Windows pipe of byte type)
   * @throws IOException if the OS reports a failure
   */
  @Override
  public void shutdownOutput() throws IOException {
    NamedPipeClient p;
    synchronized (lock) {
      p = checkConnected();
      if (outputShut) {
        throw new SocketException("Socket output is already shutdown");
      }
    }
    try {
      p.closeWrite();
    } catch (UnsupportedOperationException e) {
      throw new SocketException(e.getMessage(), e);
    }
    outputShut = true;
  }

  /**
   * Makes reads return end of stream from now on, a read blocked in another thread included.
   *
   * @throws SocketException if the socket is closed, not connected or already shut for input
   */
  @Override
  public void shutdownInput() throws IOException {
    NamedPipeClient p;
    synchronized (lock) {
      p = checkConnected();
      if (inputShut) {
        throw new SocketException("Socket input is already shutdown");
      }
      inputShut = true;
    }
    p.io.readiness().set(dev.npipe4j.internal.Readiness.READ_CLOSED); // wake a blocked read
  }

  @Override
  public boolean isInputShutdown() {
    return inputShut;
  }

  @Override
  public boolean isOutputShutdown() {
    return outputShut;
  }

  /**
   * Closes the socket and its pipe. Idempotent. Blocked reads and writes throw {@link
   * SocketException}.
   *
   * @throws IOException if the OS reports a failure while closing the pipe
   */
  @Override
  public void close() throws IOException {
    NamedPipeClient p;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      p = pipe;
    }
    if (p != null) {
      p.close();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public boolean isConnected() {
    synchronized (lock) {
      return pipe != null;
    }
  }

  @Override
  public boolean isBound() {
    return isConnected();
  }

  @Override
  public @Nullable InetAddress getInetAddress() {
    return isConnected() ? LOOPBACK : null;
  }

  @Override
  public InetAddress getLocalAddress() {
    return LOOPBACK;
  }

  @Override
  public int getPort() {
    return 0;
  }

  @Override
  public int getLocalPort() {
    return -1;
  }

  @Override
  public @Nullable SocketAddress getRemoteSocketAddress() {
    synchronized (lock) {
      return remote;
    }
  }

  @Override
  public @Nullable SocketAddress getLocalSocketAddress() {
    return getRemoteSocketAddress();
  }

  @Override
  public @Nullable SocketChannel getChannel() {
    return null;
  }

  /**
   * Returns the pipe client under this socket, for the pipe's own API ({@link
   * NamedPipe#peerProcessId()}, {@link NamedPipe#info()}).
   *
   * @return the client, or null if the socket never connected
   */
  public @Nullable NamedPipeClient pipe() {
    synchronized (lock) {
      return pipe;
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "NamedPipeSocket["
          + (remote == null ? "unconnected" : remote)
          + (closed ? ", closed" : "")
          + "]";
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError("four bytes are an IPv4 address", e);
    }
  }

  /** The socket is open and connected: its pipe; lock held. */
  private NamedPipeClient checkConnected() throws SocketException {
    if (closed) {
      throw new SocketException("Socket is closed");
    }
    NamedPipeClient p = pipe;
    if (p == null) {
      throw new SocketException("Socket is not connected");
    }
    return p;
  }
}
