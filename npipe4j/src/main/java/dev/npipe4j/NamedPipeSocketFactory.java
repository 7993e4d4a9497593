package dev.npipe4j;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Objects;
import javax.net.SocketFactory;

/**
 * A {@link SocketFactory} whose sockets are {@link NamedPipeSocket}s connected to one pipe, for
 * drivers that take a socket factory: the host and port they pass are ignored, and every socket
 * goes to the factory's pipe.
 *
 * <p>The pipe is named the way such drivers pass configuration:
 *
 * <ul>
 *   <li>a constructor string, for drivers that instantiate the factory with one argument (SQL
 *       Server's {@code socketFactoryClass} with {@code socketFactoryConstructorArg});
 *   <li>the system property {@value #PIPE_PROPERTY}, read by the no-argument constructor, for
 *       drivers that instantiate it by class name alone (MariaDB's {@code socketFactory});
 *   <li>a subclass whose no-argument constructor passes a fixed name to {@link
 *       #NamedPipeSocketFactory(String)}.
 * </ul>
 *
 * Every form of {@link NamedPipeSocketAddress#of(String)} is accepted, Docker's {@code
 * npipe:////./pipe/NAME} included.
 *
 * {@snippet :
 * SocketFactory factory = new NamedPipeSocketFactory("npipe:////./pipe/docker_engine");
 * try (Socket socket = factory.createSocket()) {
 *   socket.connect(new InetSocketAddress("localhost", 2375), 5_000); // goes to the pipe
 * }
 * }
 */
public class NamedPipeSocketFactory extends SocketFactory {
  /** The system property the no-argument constructor reads the pipe's name from. */
  public static final String PIPE_PROPERTY = "npipe4j.pipe";

  private final NamedPipeSocketAddress pipe;

  /**
   * Creates a factory for the pipe named by the system property {@value #PIPE_PROPERTY}.
   *
   * @throws IllegalStateException if the property is not set
   * @throws IllegalArgumentException if its value is not a valid pipe name
   */
  public NamedPipeSocketFactory() {
    this(property());
  }

  /**
   * Creates a factory for a pipe.
   *
   * @param pipe the pipe's name, in a form {@link NamedPipeSocketAddress#of(String)} takes
   * @throws IllegalArgumentException if the name is malformed
   */
  public NamedPipeSocketFactory(String pipe) {
    this(NamedPipeSocketAddress.of(pipe));
  }

  /**
   * Creates a factory for a pipe.
   *
   * @param pipe the pipe's address
   */
  public NamedPipeSocketFactory(NamedPipeSocketAddress pipe) {
    this.pipe = Objects.requireNonNull(pipe, "pipe");
  }

  private static String property() {
    String value = System.getProperty(PIPE_PROPERTY);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "NamedPipeSocketFactory() reads the pipe's name from the system property "
              + PIPE_PROPERTY
              + ", which is not set (for example -D"
              + PIPE_PROPERTY
              + "=\\\\.\\pipe\\NAME)");
    }
    return value.strip();
  }

  /**
   * Returns the pipe every socket of this factory connects to.
   *
   * @return the pipe's address
   */
  public NamedPipeSocketAddress pipe() {
    return pipe;
  }

  /**
   * Returns an unconnected socket; its {@code connect}, given any address, connects to this
   * factory's pipe.
   *
   * @return the socket
   * @throws IOException never in practice; declared by {@link SocketFactory}
   */
  @Override
  public Socket createSocket() throws IOException {
    return new NamedPipeSocket(pipe);
  }

  /**
   * Returns a socket connected to this factory's pipe; {@code host} and {@code port} are ignored.
   *
   * @param host ignored
   * @param port ignored
   * @return the connected socket
   * @throws java.net.ConnectException if the pipe does not exist
   * @throws IOException if the pipe cannot be opened
   */
  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected();
  }

  /**
   * Returns a socket connected to this factory's pipe; the addresses and ports are ignored.
   *
   * @param host ignored
   * @param port ignored
   * @param localHost ignored
   * @param localPort ignored
   * @return the connected socket
   * @throws IOException as {@link #createSocket(String, int)}
   */
  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected();
  }

  /**
   * Returns a socket connected to this factory's pipe; {@code host} and {@code port} are ignored.
   *
   * @param host ignored
   * @param port ignored
   * @return the connected socket
   * @throws IOException as {@link #createSocket(String, int)}
   */
  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected();
  }

  /**
   * Returns a socket connected to this factory's pipe; the addresses and ports are ignored.
   *
   * @param address ignored
   * @param port ignored
   * @param localAddress ignored
   * @param localPort ignored
   * @return the connected socket
   * @throws IOException as {@link #createSocket(String, int)}
   */
  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected();
  }

  private Socket connected() throws IOException {
    NamedPipeSocket socket = new NamedPipeSocket(pipe);
    socket.connect(pipe, 0);
    return socket;
  }

  @Override
  public String toString() {
    return "NamedPipeSocketFactory[" + pipe + "]";
  }
}
