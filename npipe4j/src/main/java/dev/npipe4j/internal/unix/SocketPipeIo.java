package dev.npipe4j.internal.unix;

import dev.npipe4j.PeerCredentials;
import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.internal.ServerPipeIo;
import dev.npipe4j.internal.handle.FdLease;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint of a pipe carried by a Unix domain socket, in both Unix backends: the directions it
 * may use, checked before every transfer, over the {@link Transport} of its current connection.
 *
 * <p>Server instances ({@link SocketServerIo}) and client ends ({@link SocketClientIo}) are both
 * one, as {@code WindowsPipe} is both on Windows, so the two share every transfer.
 */
public abstract class SocketPipeIo extends ServerPipeIo {
  /** The pipe's name, for messages. */
  protected final String pipe;

  private final boolean server;
  private final boolean canRead;
  private final boolean canWrite;

  /**
   * Creates an endpoint.
   *
   * @param pipe the pipe's name
   * @param server true for a server instance
   * @param canRead whether this end may read (a server's inbound access)
   * @param canWrite whether this end may write (a server's outbound access)
   */
  protected SocketPipeIo(String pipe, boolean server, boolean canRead, boolean canWrite) {
    this.pipe = pipe;
    this.server = server;
    this.canRead = canRead;
    this.canWrite = canWrite;
  }

  /**
   * Returns what carries the bytes now.
   *
   * @return the transport, never null
   */
  protected abstract Transport transport();

  @Override
  public final int read(ByteBuffer dst) throws IOException {
    checkRead();
    return transport().read(dst);
  }

  @Override
  public final long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    checkRead();
    return transport().read(dsts, offset, length);
  }

  @Override
  public final int write(ByteBuffer src) throws IOException {
    checkWrite();
    return transport().write(src);
  }

  @Override
  public final long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    checkWrite();
    return transport().write(srcs, offset, length);
  }

  @Override
  public final void closeWrite() throws IOException {
    checkWrite();
    transport().closeWrite();
  }

  @Override
  public final int readBlocking(ByteBuffer dst) throws IOException {
    checkRead();
    return transport().readBlocking(dst);
  }

  @Override
  public final boolean park(int interest, long deadlineNanos) throws IOException {
    return transport().park(readiness, interest, deadlineNanos);
  }

  @Override
  public final boolean parkSeesReadiness() {
    return transport().parkSeesReadiness();
  }

  @Override
  public final int messageBytesRemaining() {
    return transport().messageBytesRemaining();
  }

  @Override
  public final byte @Nullable [] readMessage() throws IOException {
    Transport t = transport();
    if (!t.readsMessages()) {
      return super.readMessage();
    }
    checkRead();
    return t.readMessage();
  }

  @Override
  public final long peerProcessId() throws IOException {
    return peerCredentials().processId();
  }

  @Override
  public final PeerCredentials peerCredentials() throws IOException {
    return transport().peerCredentials();
  }

  /**
   * Leases the descriptor of the current connection's socket, for a selector outside the library.
   *
   * @return the lease, or null without a connection or with a transport that has no descriptor
   */
  public final @Nullable FdLease leaseFd() {
    return transport().leaseFd();
  }

  /**
   * Returns the current connection's socket channel, for a selector outside the library.
   *
   * @return the channel, or null without a connection or with a transport that has none
   */
  public final @Nullable SocketChannel socketChannel() {
    return transport().socketChannel();
  }

  private void checkRead() throws PipeAccessDeniedException {
    if (!canRead) {
      throw new PipeAccessDeniedException(
          pipe,
          server
              ? "the server was created without inbound access"
              : "this client was opened without read access",
          UnixErrors.EACCES);
    }
  }

  private void checkWrite() throws PipeAccessDeniedException {
    if (!canWrite) {
      throw new PipeAccessDeniedException(
          pipe,
          server
              ? "the server was created without outbound access"
              : "this client was opened without write access",
          UnixErrors.EACCES);
    }
  }
}
