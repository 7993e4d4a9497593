package dev.npipe4j.internal.unix;

import dev.npipe4j.PeerCredentials;
import dev.npipe4j.PipeException;
import dev.npipe4j.internal.Readiness;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;

/**
 * Non-blocking transfers over the current connection of an endpoint, and the readiness they drive.
 *
 * <p>A client has one connection for life; a server instance attaches a new one at each connect and
 * detaches it at disconnect. Without a connection, transfers would block (return 0).
 *
 * <p>The readiness protocol: a transfer that would block lowers its readiness bit (unless the
 * driver raised it meanwhile, see {@link Readiness#clear(int, long)}) and then arms the selector
 * interest. The selector is level-triggered, so data that arrived in between fires at once. When
 * the interest fires, {@link #onReady} disarms it and raises the bit. No bit is ever lowered while
 * the matching interest is disarmed and the socket ready, so no wakeup is lost.
 */
final class SocketStream implements UnixDriver.Handler, Transport {
  private static final int ALL_BITS =
      Readiness.READABLE | Readiness.WRITABLE | Readiness.READ_CLOSED | Readiness.WRITE_CLOSED;

  private final UnixDriver driver;
  private final Readiness readiness;
  private final String pipe;

  /** The current connection, or null. Written under this; read without a lock on hot paths. */
  private volatile @Nullable SocketChannel channel;

  /** The selector key of {@link #channel}, or null. Guarded by this. */
  private @Nullable SelectionKey key;

  SocketStream(UnixDriver driver, Readiness readiness, String pipe) {
    this.driver = driver;
    this.readiness = readiness;
    this.pipe = pipe;
  }

  /** Starts using a connected, non-blocking channel; the endpoint becomes writable. */
  void attach(SocketChannel ch) throws IOException {
    synchronized (this) {
      channel = ch;
      // Step: start with read interest, so the first data raises READABLE.
      key = driver.register(ch, SelectionKey.OP_READ, this);
    }
    readiness.set(Readiness.WRITABLE);
  }

  /**
   * Stops using the current channel and forgets every readiness bit, so nothing of this connection
   * reaches the next.
   *
   * @return the channel, for the caller to close, or null if there was none
   */
  @Nullable SocketChannel detach() {
    SocketChannel ch;
    synchronized (this) {
      ch = channel;
      channel = null;
      key = null;
      readiness.clear(ALL_BITS);
    }
    return ch;
  }

  /** True while a connection is attached. */
  boolean isAttached() {
    return channel != null;
  }

  @Override
  public @Nullable SocketChannel socketChannel() {
    return channel;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return dst.hasRemaining() ? (int) transfer(true, ch -> ch.read(dst)) : 0;
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return hasRemaining(dsts, offset, length)
        ? transfer(true, ch -> ch.read(dsts, offset, length))
        : 0;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return src.hasRemaining() ? (int) transfer(false, ch -> ch.write(src)) : 0;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    return hasRemaining(srcs, offset, length)
        ? transfer(false, ch -> ch.write(srcs, offset, length))
        : 0;
  }

  /** One non-blocking call of a channel's read or write. */
  @FunctionalInterface
  private interface ChannelCall {
    long on(SocketChannel ch) throws IOException;
  }

  /**
   * Runs a transfer on the current channel: with no channel it is idle; when it moves nothing, the
   * readiness bit is lowered and the driver told to watch for it.
   */
  private long transfer(boolean reading, ChannelCall call) throws IOException {
    int bit = reading ? Readiness.READABLE : Readiness.WRITABLE;
    long seen = readiness.version();
    SocketChannel ch = channel;
    if (ch == null) {
      return idle(bit, seen);
    }
    long n;
    try {
      n = call.on(ch);
    } catch (IOException e) {
      if (reading) {
        return readFailed(e);
      }
      throw UnixErrors.transfer(pipe, "write", e);
    }
    if (n == 0) {
      wouldBlock(ch, bit, reading ? SelectionKey.OP_READ : SelectionKey.OP_WRITE, seen);
    }
    return n;
  }

  @Override
  public void closeWrite() throws IOException {
    SocketChannel ch = channel;
    if (ch == null) {
      if (readiness.isClosed()) {
        throw new ClosedChannelException();
      }
      throw new PipeException(pipe + ": closeWrite() needs a connected peer", UnixErrors.ENOTCONN);
    }
    try {
      ch.shutdownOutput();
    } catch (IOException e) {
      throw UnixErrors.transfer(pipe, "shutdown", e);
    }
    readiness.set(Readiness.WRITE_CLOSED); // waiting writers wake and fail
  }

  @Override
  public int sendBufferSize() throws IOException {
    return option(java.net.StandardSocketOptions.SO_SNDBUF);
  }

  @Override
  public int receiveBufferSize() throws IOException {
    return option(java.net.StandardSocketOptions.SO_RCVBUF);
  }

  /** The JDK tells only the peer's user and group: no process id, so nothing at all here. */
  @Override
  public PeerCredentials peerCredentials() throws PipeException {
    throw new PipeException(
        "the peer's process id of "
            + pipe
            + " is not available on Unix: SO_PEERCRED gives the JDK only the user and group",
        UnixErrors.EOPNOTSUPP);
  }

  /** A socket option of the current channel. */
  <T> T option(java.net.SocketOption<T> name) throws IOException {
    SocketChannel ch = channel;
    if (ch == null) {
      throw new ClosedChannelException();
    }
    return ch.getOption(name);
  }

  /** Closes the current channel, if any. */
  void close() throws IOException {
    closeNow(detach());
  }

  /**
   * Closes a channel so that the peer sees it at once. The JDK defers the release of a channel
   * registered with a selector to the selector thread; shutting both directions down first makes
   * the peer's reads return end of stream and its writes fail right away. Bytes written before
   * still reach the peer.
   */
  void closeNow(@Nullable SocketChannel ch) throws IOException {
    if (ch == null) {
      return;
    }
    try {
      ch.shutdownOutput();
      ch.shutdownInput();
    } catch (IOException e) {
      // Not connected any more: closing is all that is left.
    }
    ch.close();
    driver.wakeup(); // let the selector release the descriptor now
  }

  @Override
  public void onReady(SelectionKey firedKey, int readyOps) {
    int bits = 0;
    synchronized (this) {
      if (firedKey != key) {
        firedKey.cancel(); // an old connection's key: its channel is closed or closing
        return;
      }
      // Step: disarm what fired; a transfer re-arms it when it would block again.
      firedKey.interestOps(firedKey.interestOps() & ~readyOps);
    }
    if ((readyOps & SelectionKey.OP_READ) != 0) bits |= Readiness.READABLE;
    if ((readyOps & SelectionKey.OP_WRITE) != 0) bits |= Readiness.WRITABLE;
    readiness.set(bits);
  }

  /** No connection: report would-block, or closed if the endpoint is. */
  private int idle(int bit, long seen) throws IOException {
    if (readiness.isClosed()) {
      throw new ClosedChannelException();
    }
    readiness.clear(bit, seen);
    return 0;
  }

  private void wouldBlock(SocketChannel ch, int bit, int op, long seen) {
    readiness.clear(bit, seen);
    synchronized (this) {
      SelectionKey k = key; // set with the channel
      if (ch != channel || k == null) {
        return;
      }
      try {
        int ops = k.interestOps();
        if ((ops & op) == 0) {
          k.interestOps(ops | op);
          driver.wakeup();
        }
      } catch (CancelledKeyException e) {
        // Closed meanwhile; the next transfer reports it.
      }
    }
  }

  /** A reset by the peer reads as end of stream, as a broken pipe does on Windows. */
  private int readFailed(IOException e) throws IOException {
    if (UnixErrors.errno(e) == UnixErrors.ECONNRESET) {
      return -1;
    }
    throw UnixErrors.transfer(pipe, "read", e);
  }

  private static boolean hasRemaining(ByteBuffer[] bufs, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (bufs[i].hasRemaining()) {
        return true;
      }
    }
    return false;
  }
}
