package dev.npipe4j.internal.linux;

import dev.npipe4j.PeerCredentials;
import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.PipeBusyException;
import dev.npipe4j.PipeEnd;
import dev.npipe4j.PipeException;
import dev.npipe4j.PipeInfo;
import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.ClientConfig;
import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.PipeName;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.linux.LinuxErrors.Step;
import dev.npipe4j.internal.linux.libc.Errno;
import dev.npipe4j.internal.linux.libc.LibcLayouts;
import dev.npipe4j.internal.linux.libc.Macros;
import dev.npipe4j.internal.unix.Wire;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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
final class LinuxClientIo extends PipeIo {
  /** How long a client waits for the listener's reply. */
  private static final long REPLY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final String pipe;
  private final boolean canRead;
  private final boolean canWrite;
  private final PipeMode mode;

  /** Set once during open. */
  private volatile Connection conn;

  /** The listener's reply; null for a socket path. Set once during open. */
  private Wire.Reply reply;

  private LinuxClientIo(String pipe, ClientConfig config) {
    this.pipe = pipe;
    this.canRead = config.read();
    this.canWrite = config.write();
    this.mode = config.mode();
    readiness.onWait(
        () -> {
          Connection c = conn;
          if (c != null) {
            c.arm();
          }
        });
  }

  /** Opens a client end. */
  static LinuxClientIo open(PipeName name, Path path, ClientConfig config) throws IOException {
    int flags = (config.read() ? Wire.WANT_READ : 0) | (config.write() ? Wire.WANT_WRITE : 0);
    LinuxClientIo io = new LinuxClientIo(name.text(), config);
    Opened o = connect(name, path, flags, config.mode());
    try {
      io.conn = Connection.attach(o.fd(), name.text(), !name.isPath(), io.readiness, o.framing());
      if (!name.isPath()) {
        Wire.Reply r = exchange(name.text(), io.conn, io.readiness);
        switch (r.status()) {
          case Wire.OK -> io.reply = r;
          case Wire.BUSY ->
              throw new PipeBusyException("every instance of " + name + " is busy", Errno.EAGAIN);
          case Wire.DENIED ->
              throw new PipeAccessDeniedException(
                  name.text(),
                  "the server does not allow "
                      + (config.read() && config.write()
                          ? "reading and writing"
                          : config.read() ? "reading" : "writing"),
                  Errno.EACCES);
          default -> throw protocol(name.text(), "unknown status " + r.status());
        }
      }
      return io;
    } catch (IOException | RuntimeException e) {
      io.close();
      o.fd().close();
      throw e;
    }
  }

  /**
   * Asks the listener of a pipe name whether an instance waits, without taking it.
   *
   * @return true if one does
   */
  static boolean probe(PipeName name, Path path) throws IOException {
    Readiness r = new Readiness();
    Opened o = connect(name, path, Wire.PROBE, PipeMode.BYTE);
    Connection c = null;
    try {
      c = Connection.attach(o.fd(), name.text(), true, r, o.framing());
      Connection armed = c;
      r.onWait(armed::arm);
      return exchange(name.text(), c, r).status() == Wire.OK;
    } finally {
      r.close();
      if (c != null) {
        c.close(true);
      }
      o.fd().close();
    }
  }

  private record Opened(Fd fd, Framing.Mode framing) {}

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
  private static Wire.Reply exchange(String pipe, Connection c, Readiness r) throws IOException {
    long deadline = System.nanoTime() + REPLY_TIMEOUT_NANOS;
    ByteBuffer in = ByteBuffer.allocate(Wire.REPLY_BYTES);
    while (in.hasRemaining()) {
      long seen = r.version();
      long n = c.recv(in);
      if (n == -1) {
        // The listener went away between accept and reply: it is closing.
        throw new PipeBusyException(
            pipe + " closed the connection before answering", Errno.ECONNRESET);
      }
      if (n == Connection.WOULD_BLOCK) {
        r.clear(Readiness.READABLE, seen);
        boolean ready =
            Thread.currentThread().isVirtual()
                ? r.park(Readiness.READABLE, deadline)
                : c.park(Readiness.READABLE, deadline);
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("interrupted while opening " + pipe);
        }
        if (!ready) {
          throw new PipeException("no answer from " + pipe + " in time", Errno.ETIMEDOUT);
        }
      }
    }
    Wire.Reply reply = Wire.Reply.decode(in.flip());
    if (reply == null) {
      throw protocol(pipe, "the socket does not speak the npipe4j handshake");
    }
    return reply;
  }

  private static PipeException protocol(String pipe, String what) {
    return new PipeException(pipe + ": " + what, Errno.EPROTO);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    checkRead();
    return conn.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    checkRead();
    return Transfers.read(this, dsts, offset, length, mode == PipeMode.MESSAGE);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    checkWrite();
    return conn.write(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    checkWrite();
    return Transfers.write(this, srcs, offset, length, conn.framing != null);
  }

  @Override
  public int readBlocking(ByteBuffer dst) throws IOException {
    checkRead();
    Connection c = conn;
    return c.framing == null ? c.readBlocking(dst) : CANNOT_BLOCK;
  }

  @Override
  public boolean park(int interest, long deadlineNanos) throws IOException {
    if (Thread.currentThread().isVirtual()) {
      return readiness.park(interest, deadlineNanos);
    }
    return conn.park(interest, deadlineNanos);
  }

  @Override
  public int messageBytesRemaining() {
    Framing f = conn.framing;
    return f != null && mode == PipeMode.MESSAGE ? f.bytesRemaining() : 0;
  }

  @Override
  public byte[] readMessage() throws IOException {
    if (mode != PipeMode.MESSAGE) {
      return super.readMessage();
    }
    checkRead();
    return conn.framing.readMessage();
  }

  @Override
  public void closeWrite() throws IOException {
    checkWrite();
    conn.closeWrite();
  }

  @Override
  public PipeInfo info() throws IOException {
    PipeMode type = conn.framing != null ? PipeMode.MESSAGE : PipeMode.BYTE;
    if (reply != null) {
      return new PipeInfo(
          type, PipeEnd.CLIENT, reply.maxInstances(), reply.outBufferSize(), reply.inBufferSize());
    }
    // A plain socket: no instance limit, and its own buffer sizes.
    return new PipeInfo(
        type,
        PipeEnd.CLIENT,
        PipeInfo.UNLIMITED_INSTANCES,
        option(Macros.SO_SNDBUF),
        option(Macros.SO_RCVBUF));
  }

  private int option(int option) throws IOException {
    int v = conn.intOption(option);
    if (v < 0) {
      throw conn.failure("getsockopt", -v);
    }
    return v;
  }

  @Override
  public long peerProcessId() throws IOException {
    return conn.peerCredentials().processId();
  }

  @Override
  public PeerCredentials peerCredentials() throws IOException {
    return conn.peerCredentials();
  }

  @Override
  public void close() {
    readiness.close();
    Connection c = conn;
    if (c != null) {
      c.close(false);
    }
  }

  private void checkRead() throws IOException {
    if (!canRead) {
      throw new PipeAccessDeniedException(
          pipe, "this client was opened without read access", Errno.EACCES);
    }
  }

  private void checkWrite() throws IOException {
    if (!canWrite) {
      throw new PipeAccessDeniedException(
          pipe, "this client was opened without write access", Errno.EACCES);
    }
  }
}
