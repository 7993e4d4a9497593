package dev.npipe4j;

import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.Readiness;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;

/**
 * Blocking transfers over the non-blocking primitives: try, and park until readiness changes.
 *
 * <p>The waiting thread parks on the pipe's {@link Readiness}, which the driver unparks directly.
 * On a virtual thread this releases the carrier. A platform thread waits inside the OS where the
 * backend lets it ({@link PipeIo#readBlocking}, {@link PipeIo#park}), so no other thread is woken
 * on its behalf.
 */
final class Blocking {
  private Blocking() {}

  /** Reads at least one byte, or returns -1 at end of stream (0 only for an empty buffer). */
  static int read(AbstractNamedPipe pipe, ByteBuffer dst) throws IOException {
    if (!dst.hasRemaining()) {
      pipe.ensureOpen();
      return 0;
    }
    PipeEvents.Span span = PipeEvents.read();
    if (!Thread.currentThread().isVirtual()) {
      // Step: a platform thread may wait inside the OS, with no hand-off through the driver.
      pipe.ensureOpen();
      int n = pipe.io.readBlocking(dst);
      if (n != PipeIo.CANNOT_BLOCK) {
        if (span != null) {
          span.finish(pipe, n);
        }
        return n;
      }
    }
    while (true) {
      int n = pipe.readNow(dst);
      if (n != 0) {
        if (span != null) {
          span.finish(pipe, n);
        }
        return n;
      }
      await(pipe, Readiness.READABLE);
    }
  }

  /** Writes every remaining byte of {@code src}. */
  static int writeFully(AbstractNamedPipe pipe, ByteBuffer src) throws IOException {
    PipeEvents.Span span = PipeEvents.write();
    int total = 0;
    while (src.hasRemaining()) {
      int n = pipe.writeNow(src);
      if (n == 0) {
        await(pipe, Readiness.WRITABLE);
      }
      total += n;
    }
    pipe.ensureOpen();
    if (span != null) {
      span.finish(pipe, total);
    }
    return total;
  }

  private static void await(AbstractNamedPipe pipe, int interest) throws IOException {
    pipe.io.park(interest, Long.MAX_VALUE);
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted while waiting on " + pipe.name());
    }
    pipe.ensureOpen();
  }
}
