package dev.npipe4j.internal.unix;

import dev.npipe4j.PeerCredentials;
import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.handle.FdLease;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;

/**
 * What carries the bytes of a {@link SocketPipeIo}: the endpoint's connected socket, or the lack of
 * one between two clients of a server instance. Each Unix backend has its own: the JDK's channels
 * ({@link SocketStream}) and Linux's libc sockets. Transfers follow {@link PipeIo}'s contract; the
 * endpoint checks its directions before it calls them.
 */
public interface Transport {
  /** As {@link PipeIo#read(ByteBuffer)}. */
  int read(ByteBuffer dst) throws IOException;

  /** As {@link PipeIo#read(ByteBuffer[], int, int)}. */
  long read(ByteBuffer[] dsts, int offset, int length) throws IOException;

  /** As {@link PipeIo#write(ByteBuffer)}. */
  int write(ByteBuffer src) throws IOException;

  /** As {@link PipeIo#write(ByteBuffer[], int, int)}. */
  long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

  /** As {@link PipeIo#closeWrite()}. */
  void closeWrite() throws IOException;

  /** The socket's {@code SO_SNDBUF}, for the {@code PipeInfo} of a plain socket. */
  int sendBufferSize() throws IOException;

  /** The socket's {@code SO_RCVBUF}, for the {@code PipeInfo} of a plain socket. */
  int receiveBufferSize() throws IOException;

  /** As {@link PipeIo#peerCredentials()}. */
  PeerCredentials peerCredentials() throws IOException;

  /** Tells whether the socket carries packets ({@code SOCK_SEQPACKET}): a message pipe. */
  default boolean packets() {
    return false;
  }

  /** Tells whether reads keep to one message ({@link PipeIo#readMessage()} works). */
  default boolean readsMessages() {
    return false;
  }

  /** As {@link PipeIo#messageBytesRemaining()}. */
  default int messageBytesRemaining() {
    return 0;
  }

  /** As {@link PipeIo#readMessage()}; called only where {@link #readsMessages()}. */
  default byte @Nullable [] readMessage() throws IOException {
    throw new UnsupportedOperationException("no messages on a stream socket");
  }

  /** As {@link PipeIo#readBlocking(ByteBuffer)}: by default the thread cannot wait in the OS. */
  default int readBlocking(ByteBuffer dst) throws IOException {
    return PipeIo.CANNOT_BLOCK;
  }

  /** As {@link PipeIo#park(int, long)}: by default on the endpoint's readiness. */
  default boolean park(Readiness readiness, int interest, long deadlineNanos) throws IOException {
    return readiness.park(interest, deadlineNanos);
  }

  /** As {@link PipeIo#parkSeesReadiness()}: by default the park is on the readiness. */
  default boolean parkSeesReadiness() {
    return true;
  }

  /**
   * Leases the connected socket's descriptor; see {@link FdLease}.
   *
   * @return the lease, or null if this transport has no descriptor to lend or no connection
   */
  default @Nullable FdLease leaseFd() {
    return null;
  }

  /**
   * Returns the connected socket channel, if this transport is one.
   *
   * @return the channel, or null
   */
  default @Nullable SocketChannel socketChannel() {
    return null;
  }
}
