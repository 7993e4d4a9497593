package dev.npipe4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketOption;
import java.net.SocketOptions;
import java.net.StandardSocketOptions;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link SocketImpl} behind a {@link NamedPipeSocket}: it holds the socket options, which the
 * inherited option methods of {@link java.net.Socket} ({@code setTcpNoDelay}, {@code setSoTimeout},
 * {@code setOption}, ...) reach through it. Connecting, the streams and closing are the socket's
 * own; the methods here that would do them refuse, and are never reached.
 *
 * <p>{@code SO_TIMEOUT} is honoured by the socket's reads. The standard options of a TCP socket
 * ({@link #SUPPORTED}) and the extended TCP options ({@link #EXTENDED_TCP}) are accepted and
 * remembered, and change nothing: a pipe hands every write to the OS at once (no Nagle delay), has
 * no keep-alive, linger or type of service, and its buffer sizes are fixed by the server that
 * created it.
 */
final class PipeSocketImpl extends SocketImpl {
  /** The options of {@link java.net.Socket#supportedOptions()}. */
  static final Set<SocketOption<?>> SUPPORTED =
      Set.of(
          StandardSocketOptions.TCP_NODELAY,
          StandardSocketOptions.SO_KEEPALIVE,
          StandardSocketOptions.SO_LINGER,
          StandardSocketOptions.SO_SNDBUF,
          StandardSocketOptions.SO_RCVBUF,
          StandardSocketOptions.SO_REUSEADDR,
          StandardSocketOptions.IP_TOS);

  /**
   * The names of {@code jdk.net.ExtendedSocketOptions}' TCP options, which HTTP clients and drivers
   * set on every socket where the platform has them: accepted and remembered like the standard ones
   * (matched by name, so the library needs no module beyond {@code java.base}).
   */
  static final Set<String> EXTENDED_TCP =
      Set.of("TCP_KEEPIDLE", "TCP_KEEPINTERVAL", "TCP_KEEPCOUNT", "TCP_QUICKACK");

  /** The buffer size reported until one is set: the default of both backends. */
  private static final int DEFAULT_BUFFER = 65536;

  /** Remembered values by {@link SocketOptions} id, each with its default. */
  private final Map<Integer, Object> values = new ConcurrentHashMap<>();

  /** Remembered values of the {@link #EXTENDED_TCP} options, by name. */
  private final Map<String, Object> extended = new ConcurrentHashMap<>();

  /** The read timeout in milliseconds; 0 waits without limit. */
  volatile int soTimeout;

  PipeSocketImpl() {
    values.put(SocketOptions.TCP_NODELAY, false);
    values.put(SocketOptions.SO_KEEPALIVE, false);
    values.put(SocketOptions.SO_OOBINLINE, false);
    values.put(SocketOptions.SO_REUSEADDR, false);
    values.put(SocketOptions.SO_LINGER, -1);
    values.put(SocketOptions.SO_SNDBUF, DEFAULT_BUFFER);
    values.put(SocketOptions.SO_RCVBUF, DEFAULT_BUFFER);
    values.put(SocketOptions.IP_TOS, 0);
  }

  @Override
  public void setOption(int optID, Object value) throws SocketException {
    if (optID == SO_TIMEOUT) {
      soTimeout = (Integer) value;
    } else if (optID == SO_LINGER) {
      // Socket.setSoLinger passes false to turn it off, else the linger time.
      values.put(optID, value instanceof Integer i ? i : -1);
    } else if (values.containsKey(optID)) {
      values.put(optID, value);
    } else {
      throw new SocketException(
          "option 0x" + Integer.toHexString(optID) + " has no meaning on a pipe");
    }
  }

  @Override
  public Object getOption(int optID) throws SocketException {
    if (optID == SO_TIMEOUT) {
      return soTimeout;
    }
    Object value = values.get(optID);
    if (value == null) {
      throw new SocketException(
          "option 0x" + Integer.toHexString(optID) + " has no meaning on a pipe");
    }
    return value;
  }

  @Override
  protected <T> void setOption(SocketOption<T> name, T value) throws IOException {
    if (EXTENDED_TCP.contains(name.name())) {
      if (value == null || !name.type().isInstance(value)) {
        throw new IllegalArgumentException("bad value for " + name + ": " + value);
      }
      extended.put(name.name(), value);
      return;
    }
    int id = id(name);
    if (value == null
        || !name.type().isInstance(value)
        || ((id == SO_SNDBUF || id == SO_RCVBUF) && (Integer) value <= 0)) {
      throw new IllegalArgumentException("bad value for " + name + ": " + value);
    }
    values.put(id, value);
  }

  @Override
  protected <T> T getOption(SocketOption<T> name) throws IOException {
    if (EXTENDED_TCP.contains(name.name())) {
      Object value = extended.get(name.name());
      if (value == null) {
        value = name.type() == Boolean.class ? false : Integer.valueOf(0);
      }
      return name.type().cast(value);
    }
    return name.type().cast(Objects.requireNonNull(values.get(id(name)), "each id has a default"));
  }

  @Override
  protected Set<SocketOption<?>> supportedOptions() {
    return SUPPORTED;
  }

  private static int id(SocketOption<?> name) {
    if (name == StandardSocketOptions.TCP_NODELAY) return SocketOptions.TCP_NODELAY;
    if (name == StandardSocketOptions.SO_KEEPALIVE) return SocketOptions.SO_KEEPALIVE;
    if (name == StandardSocketOptions.SO_LINGER) return SocketOptions.SO_LINGER;
    if (name == StandardSocketOptions.SO_SNDBUF) return SocketOptions.SO_SNDBUF;
    if (name == StandardSocketOptions.SO_RCVBUF) return SocketOptions.SO_RCVBUF;
    if (name == StandardSocketOptions.SO_REUSEADDR) return SocketOptions.SO_REUSEADDR;
    if (name == StandardSocketOptions.IP_TOS) return SocketOptions.IP_TOS;
    throw new UnsupportedOperationException("'" + name + "' has no meaning on a pipe");
  }

  // ---- never reached: NamedPipeSocket overrides every method that would call these ---------

  @Override
  protected void create(boolean stream) {
    // Nothing to create: the pipe is opened by NamedPipeSocket.connect.
  }

  @Override
  protected void connect(String host, int port) throws IOException {
    throw refused();
  }

  @Override
  protected void connect(InetAddress address, int port) throws IOException {
    throw refused();
  }

  @Override
  protected void connect(SocketAddress address, int timeout) throws IOException {
    throw refused();
  }

  @Override
  protected void bind(InetAddress host, int port) throws IOException {
    throw refused();
  }

  @Override
  protected void listen(int backlog) throws IOException {
    throw refused();
  }

  @Override
  protected void accept(SocketImpl s) throws IOException {
    throw refused();
  }

  @Override
  protected InputStream getInputStream() throws IOException {
    throw refused();
  }

  @Override
  protected OutputStream getOutputStream() throws IOException {
    throw refused();
  }

  @Override
  protected int available() {
    return 0;
  }

  @Override
  protected void close() {
    // The socket closes its pipe itself.
  }

  @Override
  protected void sendUrgentData(int data) throws IOException {
    throw new SocketException("a pipe has no urgent data");
  }

  private static SocketException refused() {
    return new SocketException("not available on a named pipe socket");
  }
}
