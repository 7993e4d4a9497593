package dev.npipe4j.internal.unix;

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
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The client end: one connection. For a {@code \\.\pipe\} name it is opened with the handshake of
 * {@link Wire}; a socket path is connected as is.
 */
final class UnixClientIo extends PipeIo {
  /** How long a client waits for the listener's reply. */
  private static final long REPLY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final String pipe;
  private final boolean canRead;
  private final boolean canWrite;
  private final SocketStream stream;

  /** The listener's reply; set once during open. */
  private Wire.Reply reply;

  private UnixClientIo(String pipe, boolean canRead, boolean canWrite) {
    this.pipe = pipe;
    this.canRead = canRead;
    this.canWrite = canWrite;
    this.stream = new SocketStream(UnixDriver.shared(), readiness, pipe);
  }

  /**
   * Connects; for a {@code \\.\pipe\} name, with the request in the bound address, then waits for
   * an OK reply. A socket path is connected plainly: no byte is exchanged.
   */
  static UnixClientIo open(PipeName name, Path path, ClientConfig config) throws IOException {
    int flags = (config.read() ? Wire.WANT_READ : 0) | (config.write() ? Wire.WANT_WRITE : 0);
    String pipe = name.text();
    UnixClientIo io = new UnixClientIo(pipe, config.read(), config.write());
    SocketChannel ch = connect(name, path, flags);
    try {
      io.stream.attach(ch);
      if (name.isPath()) {
        return io;
      }
      Wire.Reply r = exchange(pipe, io.stream, io.readiness);
      switch (r.status()) {
        case Wire.OK -> io.reply = r;
        case Wire.BUSY ->
            throw new PipeBusyException(
                "every instance of " + pipe + " is busy", UnixErrors.EAGAIN);
        case Wire.DENIED ->
            throw new PipeAccessDeniedException(
                pipe,
                "the server does not allow "
                    + (config.read() && config.write()
                        ? "reading and writing"
                        : config.read() ? "reading" : "writing"),
                UnixErrors.EACCES);
        default -> throw protocol(pipe, "unknown status " + r.status());
      }
      return io;
    } catch (IOException | RuntimeException e) {
      io.close();
      ch.close();
      throw e;
    }
  }

  /**
   * Asks the listener of a pipe name whether an instance is waiting, without taking it.
   *
   * @return true if one is
   */
  static boolean probe(PipeName name, Path path) throws IOException {
    Readiness readiness = new Readiness();
    SocketStream stream = new SocketStream(UnixDriver.shared(), readiness, name.text());
    SocketChannel ch = connect(name, path, Wire.PROBE);
    try {
      stream.attach(ch);
      return exchange(name.text(), stream, readiness).status() == Wire.OK;
    } finally {
      readiness.close();
      stream.close();
      ch.close();
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
  private static Wire.Reply exchange(String pipe, SocketStream stream, Readiness r)
      throws IOException {
    long deadline = System.nanoTime() + REPLY_TIMEOUT_NANOS;
    ByteBuffer in = ByteBuffer.allocate(Wire.REPLY_BYTES);
    while (in.hasRemaining()) {
      int n = stream.read(in);
      if (n < 0) {
        // The listener went away between accept and reply: it is closing.
        throw new PipeBusyException(
            pipe + " closed the connection before answering", UnixErrors.ECONNRESET);
      }
      if (n == 0) {
        await(pipe, r, Readiness.READABLE, deadline);
      }
    }
    Wire.Reply reply = Wire.Reply.decode(in);
    if (reply == null) {
      throw protocol(pipe, "the socket does not speak the npipe4j handshake");
    }
    return reply;
  }

  private static void await(String pipe, Readiness r, int bit, long deadline) throws IOException {
    if (!r.park(bit, deadline) && !Thread.currentThread().isInterrupted()) {
      throw new PipeException("no answer from " + pipe + " in time", UnixErrors.ETIMEDOUT);
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted while opening " + pipe);
    }
  }

  private static PipeException protocol(String pipe, String what) {
    return new PipeException(pipe + ": " + what, UnixErrors.EPROTO);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    checkRead();
    return stream.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    checkRead();
    return stream.read(dsts, offset, length);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    checkWrite();
    return stream.write(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    checkWrite();
    return stream.write(srcs, offset, length);
  }

  @Override
  public void closeWrite() throws IOException {
    checkWrite();
    stream.closeWrite();
  }

  @Override
  public PipeInfo info() throws IOException {
    if (reply == null) {
      // A plain socket: no instance limit, and its own buffer sizes.
      return new PipeInfo(
          PipeMode.BYTE,
          PipeEnd.CLIENT,
          PipeInfo.UNLIMITED_INSTANCES,
          stream.option(java.net.StandardSocketOptions.SO_SNDBUF),
          stream.option(java.net.StandardSocketOptions.SO_RCVBUF));
    }
    return new PipeInfo(
        PipeMode.BYTE,
        PipeEnd.CLIENT,
        reply.maxInstances(),
        reply.outBufferSize(),
        reply.inBufferSize());
  }

  @Override
  public long peerProcessId() throws IOException {
    throw UnixServerIo.noPeerPid(pipe);
  }

  @Override
  public void close() throws IOException {
    readiness.close();
    stream.close();
  }

  private void checkRead() throws IOException {
    if (!canRead) {
      throw new PipeAccessDeniedException(
          pipe, "this client was opened without read access", UnixErrors.EACCES);
    }
  }

  private void checkWrite() throws IOException {
    if (!canWrite) {
      throw new PipeAccessDeniedException(
          pipe, "this client was opened without write access", UnixErrors.EACCES);
    }
  }
}
