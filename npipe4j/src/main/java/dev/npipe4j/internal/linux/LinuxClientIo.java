package dev.npipe4j.internal.linux;

import dev.npipe4j.PipeException;
import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.ClientConfig;
import dev.npipe4j.internal.PipeName;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.linux.LinuxErrors.Step;
import dev.npipe4j.internal.linux.libc.Errno;
import dev.npipe4j.internal.linux.libc.LibcLayouts;
import dev.npipe4j.internal.linux.libc.Macros;
import dev.npipe4j.internal.unix.SocketClientIo;
import dev.npipe4j.internal.unix.Transport;
import dev.npipe4j.internal.unix.Wire;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The client end: one connection for life.
 *
 * <p>For a {@code \\.\pipe\} name the socket is bound, before it connects, to a name that carries
 * the request ({@link Wire#clientName}) in the pipe's socket directory, and the file is deleted
 * once connected: the peer address that {@code accept} reports keeps the name. The listener's reply
 * is read before the open returns. For a socket path nothing is bound and nothing is exchanged: the
 * first byte on the connection is the caller's.
 *
 * <p>A byte-mode client opens a {@code SOCK_STREAM} socket, and if the pipe is a message pipe
 * ({@code EPROTOTYPE}), a {@code SOCK_SEQPACKET} one read as bytes, as a byte-mode handle reads a
 * message pipe on Windows. A message-mode client needs a message pipe.
 */
final class LinuxClientIo extends SocketClientIo {
  /** Set once during open. */
  private final CurrentConnection conn;

  private LinuxClientIo(String pipe, ClientConfig config) {
    super(pipe, config);
    this.conn = new CurrentConnection(pipe, readiness, config.mode() == PipeMode.MESSAGE);
  }

  /** Opens a client end. */
  static LinuxClientIo open(PipeName name, Path path, ClientConfig config) throws IOException {
    LinuxClientIo io = new LinuxClientIo(name.text(), config);
    Opened o = connect(name, path, requestFlags(config), config.mode());
    try {
      Connection c =
          Connection.attach(o.fd(), name.text(), !name.isPath(), io.readiness, o.framing());
      io.conn.set(c);
      if (!name.isPath()) {
        io.accept(exchange(name.text(), c, io.readiness));
      }
      return io;
    } catch (IOException | RuntimeException e) {
      io.close();
      o.fd().close();
      throw e;
    }
  }

  private record Opened(Fd fd, Framing.@Nullable Mode framing) {}

  /** Connects a socket of the mode's type, falling back from a stream to a message pipe. */
  private static Opened connect(PipeName name, Path path, int flags, PipeMode mode)
      throws IOException {
    byte[] address = LibcLayouts.pathBytes(path.toString());
    boolean messages = mode == PipeMode.MESSAGE;
    int type = LinuxListener.socketType(mode);
    while (true) {
      int s = Sockets.socket(type, true);
      if (s < 0) {
        throw LinuxErrors.translate(Step.OPEN, name.text(), !name.isPath(), "socket", -s);
      }
      Fd fd = new Fd(s, true);
      int r = 0;
      if (type == Macros.SOCK_SEQPACKET) {
        Sockets.sizeForPackets(s, 0);
      }
      Path self = null;
      if (!name.isPath()) {
        self = path.resolveSibling("." + Wire.clientName(flags));
        byte[] bound = LibcLayouts.pathBytes(self.toString());
        if (bound.length >= LibcLayouts.SUN_PATH_BYTES) {
          fd.close();
          throw new PipeException(
              name
                  + ": the socket directory's path is too long for the client's own address ("
                  + self
                  + "); set XDG_RUNTIME_DIR or java.io.tmpdir to a shorter directory",
              Errno.ENAMETOOLONG);
        }
        r = Sockets.bind(s, bound);
      }
      if (r == 0) {
        r = Sockets.connect(s, address);
      }
      if (self != null) {
        // The listener reads the name from the connection, not from the file system.
        Files.deleteIfExists(self);
      }
      if (r == 0) {
        r = Sockets.makeBlocking(s);
      }
      if (r == 0) {
        Framing.Mode framing =
            type == Macros.SOCK_SEQPACKET
                ? (messages ? Framing.Mode.MESSAGES : Framing.Mode.BYTES)
                : null;
        return new Opened(fd, framing);
      }
      fd.close();
      if (r == -Errno.EPROTOTYPE && type == Macros.SOCK_STREAM) {
        type = Macros.SOCK_SEQPACKET; // a message pipe, read as bytes
        continue;
      }
      if (r == -Errno.EPROTOTYPE) {
        throw new PipeException(
            name + " is a byte pipe; reading it as messages needs a message pipe",
            Errno.EPROTOTYPE);
      }
      throw LinuxErrors.translate(Step.OPEN, name.text(), !name.isPath(), "connect " + path, -r);
    }
  }

  /** Reads the listener's reply, waiting on the calling thread. */
  private static ByteBuffer exchange(String pipe, Connection c, Readiness r) throws IOException {
    long deadline = System.nanoTime() + REPLY_TIMEOUT_NANOS;
    ByteBuffer in = ByteBuffer.allocate(Wire.REPLY_BYTES);
    while (in.hasRemaining()) {
      long seen = r.version();
      long n = c.recv(in);
      if (n == -1) {
        // The listener went away between accept and reply: it is closing.
        throw closedBeforeReply(pipe);
      }
      if (n == Connection.WOULD_BLOCK) {
        r.clear(Readiness.READABLE, seen);
        boolean ready =
            Thread.currentThread().isVirtual()
                ? r.park(Readiness.READABLE, deadline)
                : c.park(Readiness.READABLE, deadline);
        awaited(pipe, ready);
      }
    }
    return in;
  }

  @Override
  protected Transport transport() {
    return conn;
  }

  @Override
  public void close() {
    readiness.close();
    Connection c = conn.get();
    if (c != null) {
      c.close(false);
    }
  }
}
