package dev.npipe4j;

import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.Retry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;

/**
 * Blocking transfers: the non-blocking attempts of {@link Transfer}, retried on the calling thread
 * by {@link Retry#block}.
 *
 * <p>The waiting thread parks on the pipe's {@link Readiness}, which the driver unparks directly.
 * On a virtual thread this releases the carrier. A platform thread waits inside the OS where the
 * backend lets it ({@link PipeIo#readBlocking}, {@link PipeIo#park}), so no other thread is woken
 * on its behalf. An interrupt ends the wait with {@link InterruptedIOException}, having taken
 * nothing.
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
    int n = PipeIo.CANNOT_BLOCK;
    if (!Thread.currentThread().isVirtual()) {
      // Step: a platform thread may wait inside the OS, with no hand-off through the driver.
      pipe.ensureOpen();
      n = pipe.io.readBlocking(dst);
    }
    if (n == PipeIo.CANNOT_BLOCK) {
      n =
          Retry.block(
              pipe.io,
              Readiness.READABLE,
              Long.MAX_VALUE,
              true,
              AbstractNamedPipe::readNow,
              pipe,
              dst);
      checkInterrupt(pipe, n);
    }
    if (span != null) {
      span.finish(pipe, n);
    }
    return n;
  }

  /** Writes every remaining byte of {@code src}. */
  static int writeFully(AbstractNamedPipe pipe, ByteBuffer src) throws IOException {
    PipeEvents.Span span = PipeEvents.write();
    int total = 0;
    while (src.hasRemaining()) {
      int n =
          Retry.block(
              pipe.io,
              Readiness.WRITABLE,
              Long.MAX_VALUE,
              true,
              AbstractNamedPipe::writeNow,
              pipe,
              src);
      checkInterrupt(pipe, n);
      total += n;
    }
    pipe.ensureOpen();
    if (span != null) {
      span.finish(pipe, total);
    }
    return total;
  }

  private static void checkInterrupt(AbstractNamedPipe pipe, int n) throws IOException {
    if (n == Retry.INTERRUPTED) {
      throw new InterruptedIOException("interrupted while waiting on " + pipe.name());
    }
  }
}
