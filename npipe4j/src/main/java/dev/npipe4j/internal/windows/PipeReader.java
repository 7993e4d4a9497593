package dev.npipe4j.internal.windows;

import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.windows.win32.Win32Outcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The read half of the completion-to-readiness bridge of one pipe.
 *
 * <p>The pipe keeps one overlapped {@code ReadFile} in flight into its native buffer once someone
 * reads or waits to read (none is issued before: see {@code WindowsPipe.clientArrived}). When the
 * packet arrives the bytes become readable; {@code tryRead} copies them out, and once the chunk is
 * drained the next {@code ReadFile} is issued, at once, or, if a thread blocks on the reads, when
 * it next asks: a platform thread's next read, a virtual thread's next wait ({@link #drained}). The
 * design follows mio's {@code NamedPipe} ({@code src/sys/windows/named_pipe.rs}), with its known
 * defects fixed:
 *
 * <ul>
 *   <li>The buffer starts at 8 KiB and grows while the peer streams, up to 512 KiB, so one read
 *       returns as much as the pipe holds, never only 4 KiB (tokio#5307), and an idle connection
 *       still holds little memory.
 *   <li>{@code ERROR_MORE_DATA} grows the buffer and continues the read at the end of the partial
 *       message, so a message becomes readable only when whole, whatever its size (tokio#6460). The
 *       pipe runs in skip mode ({@code FILE_SKIP_COMPLETION_PORT_ON_SUCCESS}) where the OS allows
 *       it: a read that completes at once is used on the spot, without a packet, and a synchronous
 *       {@code ERROR_MORE_DATA} continues the message at once (Wine and Windows 7 report it so;
 *       Windows 8 and later pend and queue a packet carrying it). Without skip mode it is treated
 *       as pending. Either way mio's false end of stream cannot happen.
 *   <li>After a disconnect, an operation still in flight is marked stale and its outcome dropped,
 *       and no end-of-stream state survives: the next client never sees a stale EOF (mio#1983).
 *   <li>Any status that follows a queued call arrives as a packet, never as a synchronous error, so
 *       the in-flight count cannot be unbalanced (mio PR #2004).
 * </ul>
 *
 * <p>On a client, {@code ERROR_PIPE_NOT_CONNECTED} (the server disconnected it) reads as end of
 * stream, like {@code ERROR_BROKEN_PIPE}: the connection is over either way.
 *
 * <p>A read that completes with zero bytes is a zero-length message: only a message-type pipe
 * carries one, whatever the reader's read mode, and it is how the peer ends its side ({@code
 * closeWrite}, go-winio's {@code CloseWrite}). It ends reading: byte reads return -1 from then on,
 * {@link #readMessage()} returns it once as an empty array and then end of stream, and no further
 * {@code ReadFile} is issued for this connection.
 *
 * <p>All methods run with the pipe's lock held.
 */
final class PipeReader implements OverlappedOp.Handler {
  /**
   * The first read buffer: small, so an idle connection holds little memory while its read is
   * pending.
   */
  static final int INITIAL_BUFFER = 8 * 1024;

  /**
   * The largest buffer the adaptive sizing grows to. Each read that fills the buffer quadruples it,
   * so a stream reaches 64 KiB after two full reads and this after three: streaming under Wine
   * collapses with small reads, since every read is a wineserver request.
   */
  static final int MAX_ADAPTIVE_BUFFER = 512 * 1024;

  private enum State {
    /** No read issued: not connected, or between chunks. */
    IDLE,
    /** A ReadFile is in flight. */
    PENDING,
    /** Bytes [pos, limit) of the buffer are readable. */
    READY,
    /** The peer closed: reads return -1. */
    EOF,
    /** The peer sent a zero-length message: reads return -1, readMessage() takes it once. */
    EMPTY_MESSAGE,
    /** The last read failed with {@link #error}. */
    FAILED
  }

  private final WindowsPipe pipe;
  private final OverlappedOp op;

  /** Guarded by the pipe's lock, as is every field below. */
  private State state = State.IDLE;

  private @Nullable NativeBuffer buffer;

  /** The size the next read asks for, from {@link #INITIAL_BUFFER} up. */
  private int target = INITIAL_BUFFER;

  /** While a read is in flight, where it writes: bytes before it belong to the same message. */
  private int pos;

  private int limit;
  private @Nullable IOException error;

  /**
   * Reads are issued with {@link OverlappedOp#readDirect}: a platform thread blocks on this pipe's
   * reads, and no one else waits for them. Not guarded: a hint, read at issue time.
   */
  private volatile boolean preferDirect;

  /**
   * A virtual thread blocks on this pipe's reads, and no one else waits for them: a drained chunk
   * is not followed by a read ahead, and a virtual thread that finds nothing to read leaves the
   * read to its wait ({@link #deferred}). Not guarded: a hint.
   */
  private volatile boolean onDemand;

  /**
   * A virtual thread found nothing buffered and no read in flight, and issued none: the wait that
   * follows issues it ({@code WindowsPipe.awaitOnDemand}), or, if none follows, the next attempt
   * does.
   */
  private boolean deferred;

  PipeReader(WindowsPipe pipe, PendingIo pending) {
    this.pipe = pipe;
    this.op = pending.add(pipe, this);
  }

  boolean inFlight() {
    return op.inFlight();
  }

  /** Sets whether the next reads are issued direct (no packet); see {@link #preferDirect}. */
  void preferDirect(boolean direct) {
    preferDirect = direct;
  }

  /** Sets whether the next read waits to be asked for; see {@link #onDemand}. */
  void readOnDemand(boolean demand) {
    onDemand = demand;
  }

  /** The event of the direct read in flight, or null if none is. */
  java.lang.foreign.@Nullable MemorySegment directEvent() {
    return op.directEvent();
  }

  /** Which read the OVERLAPPED carries now; see {@link OverlappedOp#serial}. */
  long directSerial() {
    return op.serial();
  }

  /** Takes the completion of a direct read that is over; see {@link OverlappedOp#reap}. */
  boolean reap(boolean signaled) {
    return op.reap(signaled);
  }

  /** Closes the direct reads' event; only when no read is in flight. */
  void closeEvent() {
    op.closeEvent();
  }

  /** Cancels the read in flight, if any; its packet still arrives, with ERROR_OPERATION_ABORTED. */
  void cancel() {
    op.cancel();
  }

  /**
   * An attempt to read finds nothing buffered and no read in flight: issues one, unless a virtual
   * thread reads on demand and has not deferred already, in which case it leaves the read to its
   * wait. So a caller that only polls still gets its read issued, one attempt later.
   */
  private void startOrDefer() {
    if (onDemand && !deferred && Thread.currentThread().isVirtual()) {
      deferred = true;
    } else {
      start();
    }
  }

  /**
   * Tells whether an attempt left the read to the wait; see {@link #deferred}. Issuing a read, or
   * forgetting the connection, clears it.
   */
  boolean isDeferred() {
    return deferred;
  }

  /** Issues a read if none is issued and nothing is buffered. */
  void start() {
    if (state == State.IDLE && !op.inFlight()) {
      issue(0);
    }
  }

  /**
   * Issues ReadFile into the buffer from {@code offset}, after a partial message's bytes. A read
   * that completes at once (skip mode) is handled on the spot by {@link #done}.
   */
  private void issue(int offset) {
    NativeBuffer b = NativeBuffer.grow(buffer, Math.max(target, offset + 1), offset);
    buffer = b;
    pos = offset;
    state = State.PENDING;
    deferred = false;
    if (preferDirect) {
      op.readDirect(b.from(offset), b.capacity() - offset);
    } else {
      op.read(b.from(offset), b.capacity() - offset);
    }
  }

  /** The read is over, at once or by its packet. */
  @Override
  public void done(int error, int bytes) {
    int filled = pos + bytes;
    switch (Win32Outcome.of(error)) {
      case SUCCESS -> {
        if (filled == 0) {
          emptyMessage();
        } else {
          ready(filled);
        }
      }
      case MORE_DATA -> {
        // A partial message (Windows 8+ queue it; Wine and Windows 7 report it at once in skip
        // mode): keep its bytes and read the rest of it behind them.
        buffer = NativeBuffer.grow(buffer, filled * 2, filled);
        issue(filled);
      }
      default -> failed(error);
    }
  }

  /** The read belonged to a client since disconnected: drop it, and read for the next one. */
  @Override
  public void discarded() {
    state = State.IDLE;
    free();
    if (pipe.isConnected()) {
      start();
    }
  }

  private void ready(int filled) {
    if (filled == issued().capacity() && !pipe.isMessageMode() && target < MAX_ADAPTIVE_BUFFER) {
      // The read filled the buffer: the peer streams, so read more at a time from now on.
      target = Math.min(target * 4, MAX_ADAPTIVE_BUFFER);
    }
    state = State.READY;
    pos = 0;
    limit = filled;
    pipe.readiness().set(Readiness.READABLE);
  }

  private void failed(int error) {
    switch (Win32Outcome.of(error)) {
      case EOF -> eof();
      case NOT_CONNECTED -> {
        if (pipe.isServer()) {
          state = State.IDLE; // disconnected: nothing to read until the next client
        } else {
          eof();
        }
      }
      case LISTENING, ABORTED -> state = State.IDLE;
      default -> {
        state = State.FAILED;
        this.error = WindowsErrors.toIOException(error, pipe.name(), "ReadFile");
        pipe.readiness().set(Readiness.READABLE);
      }
    }
  }

  private void eof() {
    state = State.EOF;
    pipe.readiness().set(Readiness.READABLE | Readiness.READ_CLOSED);
  }

  /** The peer ended its side with a zero-length message; see the class comment. */
  private void emptyMessage() {
    state = State.EMPTY_MESSAGE;
    pipe.readiness().set(Readiness.READABLE | Readiness.READ_CLOSED);
  }

  /** Copies buffered bytes into {@code dsts}; see {@code PipeIo#read}. */
  long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    op.reap(false); // a direct read that is over, stale or not: no packet will tell
    if (state == State.IDLE && pipe.isConnected()) {
      startOrDefer();
    }
    switch (state) {
      case READY -> {
        long total = 0;
        int i = offset;
        do {
          for (; i < offset + length && pos < limit; i++) {
            ByteBuffer dst = dsts[i];
            int n = Math.min(dst.remaining(), limit - pos);
            dst.put(dst.position(), issued().view, pos, n);
            dst.position(dst.position() + n);
            pos += n;
            total += n;
            if (dst.hasRemaining()) {
              break;
            }
          }
          if (pos < limit) {
            break;
          }
          drained();
          // In byte mode, bytes that arrived at once join this read; a message never does.
        } while (state == State.READY && !pipe.isMessageMode() && i < offset + length);
        return total;
      }
      case EOF, EMPTY_MESSAGE -> {
        return -1;
      }
      case FAILED -> throw takeError();
      default -> {
        pipe.readiness().clear(Readiness.READABLE);
        return 0;
      }
    }
  }

  /** Takes the rest of the current message; see {@code PipeIo#readMessage}. */
  byte @Nullable [] readMessage() throws IOException {
    op.reap(false); // a direct read that is over, stale or not: no packet will tell
    if (state == State.IDLE && pipe.isConnected()) {
      startOrDefer();
    }
    switch (state) {
      case READY -> {
        byte[] message = new byte[limit - pos];
        issued().view.get(pos, message);
        pos = limit;
        drained();
        return message;
      }
      case EMPTY_MESSAGE -> {
        state = State.EOF; // reported once; what follows is end of stream
        return new byte[0];
      }
      case EOF -> {
        return PipeIo.END_OF_STREAM;
      }
      case FAILED -> throw takeError();
      default -> {
        pipe.readiness().clear(Readiness.READABLE);
        return null;
      }
    }
  }

  /**
   * The buffered bytes are all taken: lower readiness, then read ahead (which may raise it), unless
   * a thread blocks on the reads ({@link #preferDirect}, {@link #onDemand}): that thread issues the
   * next read when it next asks, and if the peer's bytes are there by then the read completes at
   * once, where a read issued ahead would have pended and cost, under Wine, a signal to the issuing
   * thread and three wineserver requests more when they came; nor does a close have a read to
   * cancel. No one else can be waiting for the pipe to be readable here: a wait ends when the bytes
   * just taken arrived, and whoever starts to wait from now on issues the read (see {@code
   * WindowsPipe.clientArrived}); anyone but the thread that blocks also turns reading ahead back
   * on.
   */
  private void drained() {
    state = State.IDLE;
    pipe.readiness().clear(Readiness.READABLE);
    if (!preferDirect && !onDemand) {
      start();
    }
  }

  /** Returns the failure of the last read, which is reported once. */
  private IOException takeError() {
    IOException e = Objects.requireNonNull(error, "a failed read keeps its error");
    error = null;
    state = State.IDLE;
    pipe.readiness().clear(Readiness.READABLE);
    return e;
  }

  /**
   * Bytes left of a partly read message, or 0. A message not yet touched counts as 0, so a caller
   * looping "read while bytes remain" stops at the message boundary even if the next message is
   * already buffered.
   */
  int remaining() {
    return state == State.READY && pos > 0 ? limit - pos : 0;
  }

  /** Forgets everything of the current connection; an operation in flight becomes stale. */
  void reset() {
    // The next client starts small again; a buffer the kernel still owns is freed later.
    target = INITIAL_BUFFER;
    op.markStale();
    if (!op.inFlight()) {
      free();
    }
    state = State.IDLE;
    deferred = false;
    error = null;
    pos = limit = 0;
  }

  /** The buffer of the read issued last: there while a read is in flight or its bytes are held. */
  private NativeBuffer issued() {
    return Objects.requireNonNull(buffer, "no read was issued");
  }

  /** Frees the buffer; called only when no read is in flight. */
  void free() {
    if (buffer != null) {
      buffer.free();
      buffer = null;
    }
  }
}
