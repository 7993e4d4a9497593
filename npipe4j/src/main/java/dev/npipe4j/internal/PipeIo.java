package dev.npipe4j.internal;

import dev.npipe4j.PeerCredentials;
import dev.npipe4j.PipeInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One endpoint of a pipe as a backend implements it: non-blocking transfers plus readiness.
 *
 * <p>The public classes build every blocking and asynchronous operation on these primitives. The
 * contract, common to all backends:
 *
 * <ul>
 *   <li>{@code read} returns the number of bytes copied, 0 when it would block, and -1 at end of
 *       stream. When it would block it lowers {@link Readiness#READABLE} atomically with the check,
 *       so a waiter cannot miss data that arrives just after.
 *   <li>{@code write} returns the number of bytes accepted, and 0 when it would block (lowering
 *       {@link Readiness#WRITABLE} the same way). In message mode a write takes the whole buffer as
 *       one message or nothing.
 *   <li>Neither throws on the would-block path. A failure of the OS is an {@link IOException} whose
 *       type follows the public error model ({@code PipeError}).
 *   <li>A zero-length buffer returns 0 at once, without consuming anything.
 *   <li>{@link #close()} is idempotent, may run with transfers in flight, and closes the {@link
 *       Readiness} so every waiter fails.
 * </ul>
 */
public abstract class PipeIo {
  /** The endpoint's readiness; the backend raises and lowers it. */
  protected final Readiness readiness = new Readiness();

  /** Creates an endpoint. */
  protected PipeIo() {}

  /**
   * Returns the endpoint's readiness.
   *
   * @return the readiness object, never null
   */
  public final Readiness readiness() {
    return readiness;
  }

  /**
   * Reads without blocking.
   *
   * @param dst the buffer to fill
   * @return bytes read, 0 if it would block, or -1 at end of stream
   * @throws IOException if the OS reports a failure
   */
  public abstract int read(ByteBuffer dst) throws IOException;

  /**
   * Reads without blocking into a sequence of buffers, filling each in turn.
   *
   * @param dsts the buffers
   * @param offset the first buffer to use
   * @param length the number of buffers to use
   * @return bytes read, 0 if it would block, or -1 at end of stream
   * @throws IOException if the OS reports a failure
   */
  public abstract long read(ByteBuffer[] dsts, int offset, int length) throws IOException;

  /**
   * Writes without blocking.
   *
   * @param src the bytes to write
   * @return bytes accepted, or 0 if it would block
   * @throws IOException if the OS reports a failure
   */
  public abstract int write(ByteBuffer src) throws IOException;

  /**
   * Writes without blocking from a sequence of buffers, draining each in turn. In message mode the
   * buffers together form one message.
   *
   * @param srcs the buffers
   * @param offset the first buffer to use
   * @param length the number of buffers to use
   * @return bytes accepted, or 0 if it would block
   * @throws IOException if the OS reports a failure
   */
  public abstract long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

  /**
   * Tells how many bytes of a partly read message are left, in message mode.
   *
   * @return the bytes left, or 0 when no message is partly read or in byte mode
   */
  public int messageBytesRemaining() {
    return 0;
  }

  /** What {@link #readMessage()} returns at end of stream; compare by identity. */
  public static final byte[] END_OF_STREAM = new byte[0];

  /**
   * Takes the rest of the current message whole, without blocking, in message mode.
   *
   * @return the message's remaining bytes (a new empty array for a zero-length message), null if no
   *     message is ready (lowering {@link Readiness#READABLE}), or {@link #END_OF_STREAM}
   * @throws IOException if the read fails
   * @throws UnsupportedOperationException if this end does not read messages
   */
  public byte @Nullable [] readMessage() throws IOException {
    throw new UnsupportedOperationException("whole-message reads need a message-mode pipe");
  }

  /**
   * Closes the write direction and keeps the read direction open: the peer reads end of stream
   * after every byte already accepted, and can still answer. Idempotent. Later writes fail with
   * {@link java.nio.channels.ClosedChannelException}, and {@link Readiness#WRITE_CLOSED} is raised
   * so writers waiting for readiness see that.
   *
   * @throws IOException if no peer is connected or the OS reports a failure
   * @throws UnsupportedOperationException if the transport has no way to end one direction
   */
  public void closeWrite() throws IOException {
    throw new UnsupportedOperationException("this pipe has no half-close (closeWrite)");
  }

  /**
   * Returns what the OS reports about the pipe.
   *
   * @return the pipe information
   * @throws IOException if the query fails or the endpoint is closed
   */
  public abstract PipeInfo info() throws IOException;

  /**
   * Returns the process id of the other end.
   *
   * @return the peer's process id
   * @throws IOException if it cannot be determined
   */
  public abstract long peerProcessId() throws IOException;

  /**
   * Returns who is at the other end. By default the process id alone.
   *
   * @return the peer's credentials
   * @throws IOException if they cannot be determined
   */
  public PeerCredentials peerCredentials() throws IOException {
    return new PeerCredentials(peerProcessId(), OptionalLong.empty(), OptionalLong.empty());
  }

  /** What {@link #readBlocking} returns when this endpoint cannot block in the OS now. */
  public static final int CANNOT_BLOCK = Integer.MIN_VALUE;

  /**
   * Reads at least one byte, blocking the calling platform thread inside the OS, for backends whose
   * waiting thread can wait for itself. Never called on a virtual thread. The default cannot.
   *
   * @param dst the buffer to fill, with bytes remaining
   * @return bytes read, -1 at end of stream, or {@link #CANNOT_BLOCK}
   * @throws IOException if the OS reports a failure
   */
  public int readBlocking(ByteBuffer dst) throws IOException {
    return CANNOT_BLOCK;
  }

  /**
   * Waits until readiness meets the interest, the endpoint closes or the deadline passes, as {@link
   * Readiness#park}. A backend may let a platform thread wait inside the OS instead.
   *
   * @param interest READABLE and/or WRITABLE
   * @param deadlineNanos a {@link System#nanoTime()} deadline, or {@link Long#MAX_VALUE}
   * @return false on timeout or interrupt
   * @throws IOException if the OS reports a failure while waiting
   */
  public boolean park(int interest, long deadlineNanos) throws IOException {
    return readiness.park(interest, deadlineNanos);
  }

  /**
   * Tells whether a platform thread in {@link #park} also comes back, within a bounded time, when
   * another thread sets the readiness without any I/O (a socket's shutdown of input) or interrupts
   * it. True for a park on the readiness, and for Windows' waits in the OS, which come back at
   * least every {@code PortPoller.SLICE_MILLIS} ms to look; false for a wait in {@code poll(2)}.
   *
   * @return whether such a caller may wait in the OS
   */
  public boolean parkSeesReadiness() {
    return true;
  }

  /**
   * Closes the endpoint. Idempotent; safe with transfers in flight.
   *
   * @throws IOException if the OS reports a failure while closing
   */
  public abstract void close() throws IOException;
}
