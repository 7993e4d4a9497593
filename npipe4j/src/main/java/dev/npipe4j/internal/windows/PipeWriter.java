package dev.npipe4j.internal.windows;

import dev.npipe4j.PipeException;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.windows.win32.Kernel32;
import dev.npipe4j.internal.windows.win32.Win32;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

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
final class PipeWriter {
  /** The most a byte-mode write copies at once. */
  static final int MAX_CHUNK = 1024 * 1024;

  private final WindowsPipe pipe;
  private final OverlappedOp op;

  /** Guarded by the pipe's lock, as is every field below. */
  private NativeBuffer buffer;

  /** Bytes of the buffer being written, and how many of them the kernel has taken. */
  private int length;

  private int written;

  /** A failure reported by a completed write, thrown by the next write. */
  private IOException deferred;

  /** {@link #closeWrite()} has run: writes fail. */
  private boolean writeClosed;

  /** The zero-length message of {@link #closeWrite()} waits for the write in flight. */
  private boolean emptyPending;

  PipeWriter(WindowsPipe pipe, OverlappedOp op) {
    this.pipe = pipe;
    this.op = op;
  }

  boolean inFlight() {
    return op.inFlight;
  }

  /** Tells whether a packet is this writer's. */
  boolean owns(long overlapped) {
    return op.owns(overlapped);
  }

  /** Copies bytes from {@code srcs} and issues a write; see {@code PipeIo#write}. */
  long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    if (writeClosed) {
      throw new ClosedChannelException();
    }
    if (deferred != null) {
      IOException e = deferred;
      deferred = null;
      throw e;
    }
    if (op.inFlight || !pipe.isConnected()) {
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
    buffer = NativeBuffer.grow(buffer, Math.max(n, 4096), 0);
    // Copy without consuming: the caller's buffers advance only if the write is accepted.
    int copied = 0;
    for (int i = offset; i < offset + length && copied < n; i++) {
      ByteBuffer src = srcs[i];
      int k = Math.min(src.remaining(), n - copied);
      buffer.view.put(copied, src, src.position(), k);
      copied += k;
    }
    int error = issue(0, n);
    if (error != Win32.ERROR_SUCCESS) {
      if (error == Win32.ERROR_PIPE_LISTENING) {
        pipe.readiness().clear(Readiness.WRITABLE);
        return 0;
      }
      if (error == Win32.ERROR_NO_DATA) {
        pipe.readiness().set(Readiness.WRITE_CLOSED);
      }
      throw WindowsErrors.toIOException(error, pipe.name(), "WriteFile");
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
      IOException e = deferred;
      deferred = null;
      throw e;
    }
    writeClosed = true;
    pipe.readiness().set(Readiness.WRITE_CLOSED); // waiting writers wake and fail
    if (op.inFlight) {
      emptyPending = true;
      return;
    }
    int error = sendEmpty();
    if (error != Win32.ERROR_SUCCESS) {
      throw WindowsErrors.toIOException(error, pipe.name(), "WriteFile");
    }
  }

  /** Issues the zero-length message; returns 0 or the immediate error. */
  private int sendEmpty() {
    buffer = NativeBuffer.grow(buffer, 4096, 0);
    return issue(0, 0);
  }

  /**
   * Issues WriteFile for bytes [from, to) of the buffer; returns 0 or the immediate error. In skip
   * mode a write that completes at once is done on the spot, and the pipe stays writable.
   */
  private int issue(int from, int to) {
    while (true) {
      boolean ok =
          Kernel32.WriteFile(pipe.handle, buffer.from(from), to - from, Win32.NULL, op.prepare());
      int error = ok ? Win32.ERROR_SUCCESS : Kernel32.lastError();
      if (error == Win32.ERROR_SUCCESS && pipe.skipsOnSuccess()) {
        from += op.transferred(); // done at once, and no packet will come
        if (from >= to) {
          return Win32.ERROR_SUCCESS;
        }
        continue;
      }
      if (error == Win32.ERROR_SUCCESS || error == Win32.ERROR_IO_PENDING) {
        // I/O is pending; without skip mode a success at once also comes as a packet.
        op.inFlight = true;
        length = to;
        written = from;
        pipe.readiness().clear(Readiness.WRITABLE);
        return Win32.ERROR_SUCCESS;
      }
      return error;
    }
  }

  /** Handles the dequeued packet of the write in flight. */
  void completed(int bytes) {
    op.inFlight = false;
    if (op.stale) {
      op.stale = false;
      if (pipe.isConnected()) {
        pipe.readiness().set(Readiness.WRITABLE);
      }
      return;
    }
    if (pipe.isClosed()) {
      return;
    }
    int error = op.status(pipe.handle);
    if (error == Win32.ERROR_SUCCESS) {
      written += bytes;
      if (written < length) {
        // A short write: send the rest before reporting writable.
        error = issue(written, length);
        if (error == Win32.ERROR_SUCCESS) {
          return;
        }
      } else if (emptyPending) {
        // The bytes are out: now the zero-length message of closeWrite().
        emptyPending = false;
        error = sendEmpty();
        if (error == Win32.ERROR_SUCCESS) {
          if (!op.inFlight) {
            pipe.readiness().set(Readiness.WRITABLE);
          }
          return;
        }
      } else {
        pipe.readiness().set(Readiness.WRITABLE);
        return;
      }
    }
    if (error != Win32.ERROR_OPERATION_ABORTED) {
      deferred = WindowsErrors.toIOException(error, pipe.name(), "WriteFile");
    }
    int bits = Readiness.WRITABLE;
    if (error == Win32.ERROR_NO_DATA) {
      bits |= Readiness.WRITE_CLOSED;
    }
    pipe.readiness().set(bits);
  }

  /** Forgets everything of the current connection; a write in flight becomes stale. */
  void reset() {
    if (op.inFlight) {
      op.stale = true;
    }
    deferred = null;
    writeClosed = emptyPending = false;
    length = written = 0;
  }

  /** Frees the buffer; called only when no write is in flight. */
  void free() {
    if (buffer != null) {
      buffer.free();
      buffer = null;
    }
  }
}
