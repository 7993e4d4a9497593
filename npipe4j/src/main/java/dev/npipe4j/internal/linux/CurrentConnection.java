package dev.npipe4j.internal.linux;

import dev.npipe4j.PeerCredentials;
import dev.npipe4j.PipeException;
import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.handle.FdLease;
import dev.npipe4j.internal.linux.libc.Errno;
import dev.npipe4j.internal.linux.libc.Macros;
import dev.npipe4j.internal.unix.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Connection} a Linux endpoint has now, or none: a client end has one for life, a server
 * instance one per client. Without one, transfers would block (0), or fail once the endpoint is
 * closed. While it has one, a waiter on the endpoint's readiness arms the connection's interest.
 */
final class CurrentConnection implements Transport {
  private final String pipe;
  private final Readiness readiness;
  private final boolean messages;

  /** The connection, or null. Written under the owner's lock, read without it. */
  private volatile @Nullable Connection conn;

  /**
   * Creates one without a connection.
   *
   * @param messages whether reads keep to one message (a message-mode end)
   */
  CurrentConnection(String pipe, Readiness readiness, boolean messages) {
    this.pipe = pipe;
    this.readiness = readiness;
    this.messages = messages;
    readiness.onWait(
        () -> {
          Connection c = conn;
          if (c != null) {
            c.arm();
          }
        });
  }

  /** The connection, or null. */
  @Nullable Connection get() {
    return conn;
  }

  void set(Connection c) {
    conn = c;
  }

  /** Forgets the connection and returns it, or null. */
  @Nullable Connection take() {
    Connection c = conn;
    conn = null;
    return c;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    Connection c = conn;
    return c != null ? c.read(dst) : idle();
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return Transfers.read(this, dsts, offset, length, messages);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    Connection c = conn;
    return c != null ? c.write(src) : idle();
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    Connection c = conn;
    return Transfers.write(this, srcs, offset, length, c != null ? c.framing != null : messages);
  }

  @Override
  public void closeWrite() throws IOException {
    Connection c = conn;
    if (c == null) {
      if (readiness.isClosed()) {
        throw new ClosedChannelException();
      }
      throw new PipeException(pipe + ": closeWrite() needs a connected peer", Errno.ENOTCONN);
    }
    c.closeWrite();
  }

  @Override
  public int sendBufferSize() throws IOException {
    return option(Macros.SO_SNDBUF);
  }

  @Override
  public int receiveBufferSize() throws IOException {
    return option(Macros.SO_RCVBUF);
  }

  private int option(int option) throws IOException {
    Connection c = connected();
    int v = c.intOption(option);
    if (v < 0) {
      throw c.failure("getsockopt", -v);
    }
    return v;
  }

  @Override
  public PeerCredentials peerCredentials() throws IOException {
    return connected().peerCredentials();
  }

  @Override
  public @Nullable FdLease leaseFd() {
    Connection c = conn;
    return c != null ? c.fd.lease() : null;
  }

  @Override
  public boolean packets() {
    Connection c = conn;
    return c != null && c.framing != null;
  }

  @Override
  public boolean readsMessages() {
    return messages;
  }

  @Override
  public int messageBytesRemaining() {
    Connection c = conn;
    return messages && c != null && c.framing != null ? c.framing.bytesRemaining() : 0;
  }

  @Override
  public byte @Nullable [] readMessage() throws IOException {
    Connection c = conn;
    if (c == null) {
      idle();
      return null;
    }
    Framing f = c.framing;
    if (f == null) { // a stream socket
      return Transport.super.readMessage();
    }
    return f.readMessage();
  }

  @Override
  public int readBlocking(ByteBuffer dst) throws IOException {
    Connection c = conn;
    return c != null && c.framing == null ? c.readBlocking(dst) : PipeIo.CANNOT_BLOCK;
  }

  @Override
  public boolean park(Readiness r, int interest, long deadlineNanos) throws IOException {
    Connection c = conn;
    if (c != null && !Thread.currentThread().isVirtual()) {
      return c.park(interest, deadlineNanos);
    }
    return r.park(interest, deadlineNanos);
  }

  /** False: a platform thread's park is {@code poll(2)}, which sees only the socket. */
  @Override
  public boolean parkSeesReadiness() {
    return false;
  }

  private Connection connected() throws PipeException {
    Connection c = conn;
    if (c == null) {
      throw new PipeException("no client is connected to " + pipe, Errno.ENOTCONN);
    }
    return c;
  }

  /** No connection: report would-block, or closed if the endpoint is. */
  private int idle() throws IOException {
    if (readiness.isClosed()) {
      throw new ClosedChannelException();
    }
    return 0;
  }
}
