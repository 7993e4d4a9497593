package dev.npipe4j;

import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.Retry;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * The streams of a {@link NamedPipeSocket}, on the pipe's non-blocking primitives retried by {@link
 * Retry#block}: try, then park on the pipe's readiness until it changes, the read timeout passes or
 * the socket closes. A read that times out has consumed nothing. Closing either stream closes the
 * socket.
 */
final class PipeSocketStreams {
  private PipeSocketStreams() {}

  static final class Input extends BufferStreams.In {
    private final NamedPipeSocket socket;
    private final NamedPipeClient pipe;
    private final PipeSocketImpl options;

    Input(NamedPipeSocket socket, NamedPipeClient pipe, PipeSocketImpl options) {
      this.socket = socket;
      this.pipe = pipe;
      this.options = options;
    }

    @Override
    int read(ByteBuffer dst) throws IOException {
      if (!dst.hasRemaining()) {
        if (socket.isInputShutdown()) {
          return -1;
        }
        ensureOpen(socket);
        return 0;
      }
      int timeout = options.soTimeout;
      long deadline = timeout == 0 ? Long.MAX_VALUE : System.nanoTime() + timeout * 1_000_000L;
      // The wait must end when the socket's input is shut down, which sets the readiness and does
      // no I/O: so a platform thread waits in the OS (on Windows, on the direct read's event, with
      // no hand-off through the driver thread) only where that wait also looks at the readiness.
      boolean inOs = pipe.io.parkSeesReadiness();
      int n = Retry.block(pipe.io, Readiness.READABLE, deadline, inOs, Input::attempt, this, dst);
      if (n == Retry.INTERRUPTED) {
        interrupted(socket);
      }
      if (n == Retry.TIMED_OUT || n == Retry.INTERRUPTED) {
        throw new SocketTimeoutException("Read timed out after " + timeout + " ms");
      }
      return n;
    }

    private static int attempt(Input in, ByteBuffer dst) throws IOException {
      if (in.socket.isInputShutdown()) {
        return -1;
      }
      try {
        return in.pipe.tryRead(dst);
      } catch (IOException e) {
        throw failed(in.socket, e);
      }
    }

    /** Bytes a read takes without blocking are not known without taking them: 0. */
    @Override
    public int available() throws IOException {
      ensureOpen(socket);
      return 0;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  static final class Output extends BufferStreams.Out {
    private final NamedPipeSocket socket;
    private final NamedPipeClient pipe;

    Output(NamedPipeSocket socket, NamedPipeClient pipe) {
      this.socket = socket;
      this.pipe = pipe;
    }

    @Override
    void write(ByteBuffer src) throws IOException {
      if (!src.hasRemaining()) {
        checkWritable(socket);
        return;
      }
      while (src.hasRemaining()) {
        int n =
            Retry.block(
                pipe.io, Readiness.WRITABLE, Long.MAX_VALUE, false, Output::attempt, this, src);
        if (n == Retry.INTERRUPTED) {
          interrupted(socket);
        }
      }
    }

    private static int attempt(Output out, ByteBuffer src) throws IOException {
      checkWritable(out.socket);
      try {
        return out.pipe.tryWrite(src);
      } catch (IOException e) {
        throw failed(out.socket, e);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static void checkWritable(NamedPipeSocket socket) throws SocketException {
    if (socket.isOutputShutdown()) {
      throw new SocketException("Socket output is shutdown");
    }
    ensureOpen(socket);
  }

  private static void ensureOpen(NamedPipeSocket socket) throws SocketException {
    if (socket.isClosed()) {
      throw new SocketException("Socket closed");
    }
  }

  /** A park that ended early on interrupt closes the socket, as a JDK socket does. */
  private static void interrupted(NamedPipeSocket socket) throws IOException {
    if (Thread.currentThread().isInterrupted()) {
      socket.close();
      throw new SocketException("Closed by interrupt");
    }
  }

  /** The pipe's failures as a socket reports them; the pipe's exception is the cause. */
  private static IOException failed(NamedPipeSocket socket, IOException e) {
    if (socket.isClosed()) {
      return new SocketException("Socket closed");
    }
    if (e instanceof ClosedChannelException) {
      return socket.isOutputShutdown()
          ? new SocketException("Socket output is shutdown")
          : new SocketException("Socket closed");
    }
    if (e instanceof SocketException) {
      return e;
    }
    return new SocketException(e.getMessage(), e);
  }
}
