package dev.npipe4j.internal.windows;

import dev.npipe4j.PipeException;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.windows.win32.Win32;
import dev.npipe4j.internal.windows.win32.Win32Outcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The write half of the completion-to-readiness bridge of one pipe.
 *
 * <p>{@code tryWrite} copies the caller's bytes into the pipe's native write buffer and issues one
 * overlapped {@code WriteFile}; the pipe is writable again when that write's packet arrives. A
 * failure reported by the packet is kept and thrown by the next write, as mio does. Unlike mio, a
 * byte-mode write takes at most {@value #MAX_CHUNK} bytes, so one huge write does not become one
 * huge copy; a message-mode write takes the whole message or nothing, so boundaries hold.
 *
 * <p>{@link #closeWrite()} ends the write direction with a zero-length message, after the write in
 * flight if there is one, so it never overtakes bytes already accepted.
 *
 * <p>All methods run with the pipe's lock held.
 */
final class PipeWriter implements OverlappedOp.Handler {
  /** The most a byte-mode write copies at once. */
  static final int MAX_CHUNK = 1024 * 1024;

  private final WindowsPipe pipe;
  private final OverlappedOp op;

  /** Guarded by the pipe's lock, as is every field below. */
  private @Nullable NativeBuffer buffer;

  /** Bytes of the buffer being written, and how many of them the kernel has taken. */
  private int length;

  private int written;

  /** A failure reported by a completed write, thrown by the next write. */
  private @Nullable IOException deferred;

  /** The last write issued was taken (done or in flight); false if it was refused at once. */
  private boolean accepted;

  /** {@link #closeWrite()} has run: writes fail. */
  private boolean writeClosed;

  /** The zero-length message of {@link #closeWrite()} waits for the write in flight. */
  private boolean emptyPending;

  PipeWriter(WindowsPipe pipe, PendingIo pending) {
    this.pipe = pipe;
    this.op = pending.add(pipe, this);
  }

  boolean inFlight() {
    return op.inFlight();
  }

  /** Copies bytes from {@code srcs} and issues a write; see {@code PipeIo#write}. */
  long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    if (writeClosed) {
      throw new ClosedChannelException();
    }
    if (deferred != null) {
      throw takeDeferred();
    }
    if (op.inFlight() || !pipe.isConnected()) {
      pipe.readiness().clear(Readiness.WRITABLE);
      return 0;
    }
    long available = 0;
    for (int i = offset; i < offset + length; i++) {
      available += srcs[i].remaining();
    }
    if (available == 0) {
      return 0;
    }
    int n;
    if (pipe.isMessageMode()) {
      if (available > Integer.MAX_VALUE - 64) {
        throw new IOException("a message cannot exceed 2 GiB: " + available + " bytes");
      }
      n = (int) available;
    } else {
      n = (int) Math.min(available, MAX_CHUNK);
    }
    NativeBuffer b = NativeBuffer.grow(buffer, Math.max(n, 4096), 0);
    buffer = b;
    // Copy without consuming: the caller's buffers advance only if the write is accepted.
    int copied = 0;
    for (int i = offset; i < offset + length && copied < n; i++) {
      ByteBuffer src = srcs[i];
      int k = Math.min(src.remaining(), n - copied);
      b.view.put(copied, src, src.position(), k);
      copied += k;
    }
    issue(0, n);
    if (deferred != null) {
      throw takeDeferred(); // refused at once
    }
    if (!accepted) {
      return 0;
    }
    int consumed = 0;
    for (int i = offset; i < offset + length && consumed < n; i++) {
      ByteBuffer src = srcs[i];
      int k = Math.min(src.remaining(), n - consumed);
      src.position(src.position() + k);
      consumed += k;
    }
    return n;
  }

  /**
   * Ends the write direction with a zero-length message, now or when the write in flight is done;
   * see {@code PipeIo#closeWrite}. The caller has checked that the pipe is of message type.
   */
  void closeWrite() throws IOException {
    if (writeClosed) {
      return;
    }
    if (!pipe.isConnected()) {
      throw new PipeException(
          pipe.name() + ": closeWrite() needs a connected peer", Win32.ERROR_PIPE_NOT_CONNECTED);
    }
    if (deferred != null) {
      throw takeDeferred();
    }
    writeClosed = true;
    pipe.readiness().set(Readiness.WRITE_CLOSED); // waiting writers wake and fail
    if (op.inFlight()) {
      emptyPending = true;
      return;
    }
    sendEmpty();
    if (deferred != null) {
      throw takeDeferred();
    }
  }

  private IOException takeDeferred() {
    IOException e = Objects.requireNonNull(deferred, "taken only when there is one");
    deferred = null;
    return e;
  }

  /** Issues the zero-length message. */
  private void sendEmpty() {
    buffer = NativeBuffer.grow(buffer, 4096, 0);
    issue(0, 0);
  }

  /**
   * Issues WriteFile for bytes [from, to) of the buffer. While it is in flight the pipe is not
   * writable; a write done at once (skip mode) is handled on the spot by {@link #done}.
   */
  private void issue(int from, int to) {
    length = to;
    written = from;
    accepted = true;
    if (op.write(issued().from(from), to - from)) {
      pipe.readiness().clear(Readiness.WRITABLE);
    }
  }

  /** The write is over, at once or by its packet. */
  @Override
  public void done(int error, int bytes) {
    Win32Outcome outcome = Win32Outcome.of(error);
    switch (outcome) {
      case SUCCESS -> {
        written += bytes;
        if (written < length) {
          issue(written, length); // a short write: send the rest before reporting writable
        } else if (emptyPending) {
          emptyPending = false; // the bytes are out: now the zero-length message of closeWrite()
          sendEmpty();
        } else {
          pipe.readiness().set(Readiness.WRITABLE);
        }
        return;
      }
      case LISTENING -> {
        // No client yet: nothing was taken, and the pipe is not writable until one comes.
        accepted = false;
        pipe.readiness().clear(Readiness.WRITABLE);
        return;
      }
      case ABORTED -> {} // cancelled: nothing to report
      default -> deferred = WindowsErrors.toIOException(error, pipe.name(), "WriteFile");
    }
    accepted = false;
    pipe.readiness()
        .set(
            outcome == Win32Outcome.PEER_CLOSED
                ? Readiness.WRITABLE | Readiness.WRITE_CLOSED
                : Readiness.WRITABLE);
  }

  /** The write belonged to a client since disconnected: the next client may write at once. */
  @Override
  public void discarded() {
    if (pipe.isConnected()) {
      pipe.readiness().set(Readiness.WRITABLE);
    }
  }

  /** Forgets everything of the current connection; a write in flight becomes stale. */
  void reset() {
    op.markStale();
    deferred = null;
    writeClosed = emptyPending = false;
    length = written = 0;
  }

  /** The buffer the last write was issued from: grown before every issue. */
  private NativeBuffer issued() {
    return Objects.requireNonNull(buffer, "no write was issued");
  }

  /** Frees the buffer; called only when no write is in flight. */
  void free() {
    if (buffer != null) {
      buffer.free();
      buffer = null;
    }
  }
}
