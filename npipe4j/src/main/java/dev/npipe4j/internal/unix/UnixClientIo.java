package dev.npipe4j.internal.unix;

import dev.npipe4j.internal.ClientConfig;
import dev.npipe4j.internal.PipeName;
import dev.npipe4j.internal.Readiness;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The client end over the JDK's socket channels. For a {@code \\.\pipe\} name it is opened with the
 * handshake of {@link Wire}; a socket path is connected as is.
 */
final class UnixClientIo extends SocketClientIo {
  private final SocketStream stream;

  private UnixClientIo(String pipe, ClientConfig config) {
    super(pipe, config);
    this.stream = new SocketStream(UnixDriver.shared(), readiness, pipe);
  }

  /**
   * Connects; for a {@code \\.\pipe\} name, with the request in the bound address, then waits for
   * an OK reply. A socket path is connected plainly: no byte is exchanged.
   */
  static UnixClientIo open(PipeName name, Path path, ClientConfig config) throws IOException {
    String pipe = name.text();
    UnixClientIo io = new UnixClientIo(pipe, config);
    SocketChannel ch = connect(name, path, requestFlags(config));
    try {
      io.stream.attach(ch);
      if (!name.isPath()) {
        io.accept(exchange(pipe, io.stream, io.readiness));
      }
      return io;
    } catch (IOException | RuntimeException e) {
      io.close();
      ch.close();
      throw e;
    }
  }

  private static SocketChannel connect(PipeName name, Path path, int flags) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    Path self = null;
    try {
      if (!name.isPath()) {
        // The request travels in the bound name; the file goes once connected.
        self = path.resolveSibling("." + Wire.clientName(flags));
        ch.bind(UnixDomainSocketAddress.of(self));
      }
      ch.connect(UnixDomainSocketAddress.of(path));
      ch.configureBlocking(false);
      return ch;
    } catch (IOException e) {
      ch.close();
      throw UnixErrors.connect(name.text(), !name.isPath(), path, e);
    } finally {
      if (self != null) {
        Files.deleteIfExists(self);
      }
    }
  }

  /** Reads the listener's reply, parking on the readiness while it is not there. */
  private static ByteBuffer exchange(String pipe, SocketStream stream, Readiness r)
      throws IOException {
    long deadline = System.nanoTime() + REPLY_TIMEOUT_NANOS;
    ByteBuffer in = ByteBuffer.allocate(Wire.REPLY_BYTES);
    while (in.hasRemaining()) {
      int n = stream.read(in);
      if (n < 0) {
        // The listener went away between accept and reply: it is closing.
        throw closedBeforeReply(pipe);
      }
      if (n == 0) {
        boolean ready = r.park(Readiness.READABLE, deadline);
        awaited(pipe, ready);
      }
    }
    return in;
  }

  @Override
  protected Transport transport() {
    return stream;
  }

  /** A socket option of the connection ({@link UnixIdentity} reads {@code SO_PEERCRED}). */
  <T> T option(java.net.SocketOption<T> name) throws IOException {
    return stream.option(name);
  }

  @Override
  public void close() throws IOException {
    readiness.close();
    stream.close();
  }
}
