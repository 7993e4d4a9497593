package dev.npipe4j.internal.unix;

import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.PipeBusyException;
import dev.npipe4j.PipeEnd;
import dev.npipe4j.PipeException;
import dev.npipe4j.PipeInfo;
import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.ClientConfig;
import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.Readiness;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The client end: one connection, opened with the handshake of {@link Wire}. */
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

  /** Connects, sends the request and waits for an OK reply. */
  static UnixClientIo open(String pipe, Path path, ClientConfig config) throws IOException {
    int flags = (config.read() ? Wire.WANT_READ : 0) | (config.write() ? Wire.WANT_WRITE : 0);
    UnixClientIo io = new UnixClientIo(pipe, config.read(), config.write());
    SocketChannel ch = connect(pipe, path);
    try {
      io.stream.attach(ch);
      Wire.Reply r = exchange(pipe, io.stream, io.readiness, flags);
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
   * Asks the listener whether an instance is waiting, without taking it.
   *
   * @return true if one is
   */
  static boolean probe(String pipe, Path path) throws IOException {
    Readiness readiness = new Readiness();
    SocketStream stream = new SocketStream(UnixDriver.shared(), readiness, pipe);
    SocketChannel ch = connect(pipe, path);
    try {
      stream.attach(ch);
      return exchange(pipe, stream, readiness, Wire.PROBE).status() == Wire.OK;
    } finally {
      readiness.close();
      stream.close();
      ch.close();
    }
  }

  private static SocketChannel connect(String pipe, Path path) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.connect(UnixDomainSocketAddress.of(path));
      ch.configureBlocking(false);
      return ch;
    } catch (IOException e) {
      ch.close();
      throw UnixErrors.connect(pipe, path, e);
    }
  }

  /** Sends a request and reads the reply, parking on the readiness in between. */
  private static Wire.Reply exchange(String pipe, SocketStream stream, Readiness r, int flags)
      throws IOException {
    long deadline = System.nanoTime() + REPLY_TIMEOUT_NANOS;
    ByteBuffer request = Wire.request(flags);
    while (request.hasRemaining()) {
      if (stream.write(request) == 0) {
        await(pipe, r, Readiness.WRITABLE, deadline);
      }
    }
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
  public PipeInfo info() {
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
