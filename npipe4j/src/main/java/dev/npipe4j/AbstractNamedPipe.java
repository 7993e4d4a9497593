package dev.npipe4j;

import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.PipeName;
import dev.npipe4j.internal.Readiness;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousByteChannel;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.ReadPendingException;
import java.nio.channels.WritePendingException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What servers and clients share (each implements {@link NamedPipe} itself, which is sealed to the
 * two): every I/O style built on the backend's non-blocking {@link PipeIo}.
 */
abstract sealed class AbstractNamedPipe implements AsynchronousByteChannel
    permits NamedPipeServer, NamedPipeClient {
  /** The backend endpoint. */
  final PipeIo io;

  private final PipeName name;
  private final AtomicBoolean readPending = new AtomicBoolean();
  private final AtomicBoolean writePending = new AtomicBoolean();

  AbstractNamedPipe(PipeIo io, PipeName name) {
    this.io = io;
    this.name = name;
  }

  public final String name() {
    return name.text();
  }

  public final PipeInfo info() throws IOException {
    ensureOpen();
    return io.info();
  }

  public final long peerProcessId() throws IOException {
    ensureOpen();
    return io.peerProcessId();
  }

  public final PeerCredentials peerCredentials() throws IOException {
    ensureOpen();
    return io.peerCredentials();
  }

  public final CompletableFuture<Ready> ready(Interest interest) {
    return io.readiness().await(bits(interest), Ready::of);
  }

  public final CompletableFuture<Void> readable() {
    return io.readiness().await(Readiness.READABLE, bits -> null);
  }

  public final CompletableFuture<Void> writable() {
    return io.readiness().await(Readiness.WRITABLE, bits -> null);
  }

  public final int tryRead(ByteBuffer dst) throws IOException {
    checkWritable(dst);
    PipeEvents.Span span = PipeEvents.read();
    int n = readNow(dst);
    if (span != null) {
      span.finish(this, n);
    }
    return n;
  }

  public final long tryRead(ByteBuffer[] dsts) throws IOException {
    for (ByteBuffer b : Objects.requireNonNull(dsts, "dsts")) {
      checkWritable(b);
    }
    ensureOpen();
    PipeEvents.Span span = PipeEvents.read();
    long n = io.read(dsts, 0, dsts.length);
    if (span != null) {
      span.finish(this, n);
    }
    return n;
  }

  public final int tryWrite(ByteBuffer src) throws IOException {
    Objects.requireNonNull(src, "src");
    PipeEvents.Span span = PipeEvents.write();
    int n = writeNow(src);
    if (span != null) {
      span.finish(this, n);
    }
    return n;
  }

  public final long tryWrite(ByteBuffer[] srcs) throws IOException {
    for (ByteBuffer b : Objects.requireNonNull(srcs, "srcs")) {
      Objects.requireNonNull(b, "srcs element");
    }
    ensureOpen();
    PipeEvents.Span span = PipeEvents.write();
    long n = io.write(srcs, 0, srcs.length);
    if (span != null) {
      span.finish(this, n);
    }
    return n;
  }

  public final <T> T tryIo(Interest interest, IoCall<T> action) throws IOException {
    Objects.requireNonNull(action, "action");
    ensureOpen();
    Readiness readiness = io.readiness();
    int wanted = bits(interest);
    long version = readiness.version();
    if ((readiness.bits() & wanted) == 0) {
      return null;
    }
    T result = action.call();
    if (result == null) {
      readiness.clear(wanted, version);
    }
    return result;
  }

  public final <T> CompletableFuture<T> asyncIo(Interest interest, IoCall<T> action) {
    Objects.requireNonNull(action, "action");
    CompletableFuture<T> result = new CompletableFuture<>();
    asyncIoStep(interest, action, result);
    return result;
  }

  private <T> void asyncIoStep(Interest interest, IoCall<T> action, CompletableFuture<T> result) {
    ready(interest)
        .whenComplete(
            (ready, error) -> {
              if (result.isDone()) {
                return;
              }
              if (error != null) {
                result.completeExceptionally(error);
                return;
              }
              try {
                T value = tryIo(interest, action);
                if (value != null) {
                  result.complete(value);
                } else {
                  asyncIoStep(interest, action, result);
                }
              } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
              }
            });
  }

  public final CompletableFuture<byte[]> readMessage() {
    PipeEvents.Span span = PipeEvents.read();
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    readMessageStep(result);
    if (span != null) {
      PipeEvents.finishOnCompletion(span, this, result.thenApply(m -> m == null ? -1 : m.length));
    }
    return result;
  }

  private void readMessageStep(CompletableFuture<byte[]> result) {
    while (!result.isDone()) {
      byte[] message;
      try {
        ensureOpen();
        message = io.readMessage();
      } catch (IOException e) {
        result.completeExceptionally(e);
        return;
      }
      if (message == PipeIo.END_OF_STREAM) {
        result.complete(null);
      } else if (message != null) {
        result.complete(message);
      } else {
        CompletableFuture<Void> wait = readable();
        if (!wait.isDone()) {
          wait.whenComplete(
              (v, e) -> {
                if (e != null) {
                  result.completeExceptionally(
                      e instanceof java.util.concurrent.CompletionException ? e.getCause() : e);
                } else {
                  readMessageStep(result);
                }
              });
          return;
        }
      }
    }
  }

  public final int messageBytesRemaining() {
    return io.messageBytesRemaining();
  }

  @Override
  public final CompletableFuture<Integer> read(ByteBuffer dst) {
    checkWritable(dst);
    if (!readPending.compareAndSet(false, true)) {
      throw new ReadPendingException();
    }
    if (!dst.hasRemaining()) {
      readPending.set(false);
      return empty();
    }
    PipeEvents.Span span = PipeEvents.read();
    Transfer t =
        Transfer.start(io.readiness(), Readiness.READABLE, () -> readNow(dst), readPending);
    if (span != null) {
      PipeEvents.finishOnCompletion(span, this, t);
    }
    return t;
  }

  @Override
  public final <A> void read(
      ByteBuffer dst, A attachment, CompletionHandler<Integer, ? super A> handler) {
    Objects.requireNonNull(handler, "handler");
    Transfer.notify(read(dst), attachment, handler);
  }

  @Override
  public final CompletableFuture<Integer> write(ByteBuffer src) {
    Objects.requireNonNull(src, "src");
    if (!writePending.compareAndSet(false, true)) {
      throw new WritePendingException();
    }
    if (!src.hasRemaining()) {
      writePending.set(false);
      return empty();
    }
    PipeEvents.Span span = PipeEvents.write();
    Transfer t =
        Transfer.start(io.readiness(), Readiness.WRITABLE, () -> writeNow(src), writePending);
    if (span != null) {
      PipeEvents.finishOnCompletion(span, this, t);
    }
    return t;
  }

  @Override
  public final <A> void write(
      ByteBuffer src, A attachment, CompletionHandler<Integer, ? super A> handler) {
    Objects.requireNonNull(handler, "handler");
    Transfer.notify(write(src), attachment, handler);
  }

  /** A non-blocking read that records no event: the step of a timed operation. */
  final int readNow(ByteBuffer dst) throws IOException {
    ensureOpen();
    return io.read(dst);
  }

  /** A non-blocking write that records no event: the step of a timed operation. */
  final int writeNow(ByteBuffer src) throws IOException {
    ensureOpen();
    return io.write(src);
  }

  /**
   * An empty buffer completes at once with 0, as {@link java.nio.channels.AsynchronousByteChannel}
   * says.
   */
  private CompletableFuture<Integer> empty() {
    return isOpen()
        ? CompletableFuture.completedFuture(0)
        : CompletableFuture.failedFuture(new ClosedChannelException());
  }

  public final void closeWrite() throws IOException {
    ensureOpen();
    io.closeWrite();
  }

  public final InputStream inputStream() {
    return new PipeInputStream(this);
  }

  public final OutputStream outputStream() {
    return new PipeOutputStream(this);
  }

  public final ByteChannel blockingChannel() {
    return new BlockingPipeChannel(this);
  }

  @Override
  public final boolean isOpen() {
    return !io.readiness().isClosed();
  }

  @Override
  public final void close() throws IOException {
    io.close();
  }

  final void ensureOpen() throws ClosedChannelException {
    if (io.readiness().isClosed()) {
      throw new ClosedChannelException();
    }
  }

  private static void checkWritable(ByteBuffer dst) {
    if (Objects.requireNonNull(dst, "dst").isReadOnly()) {
      throw new IllegalArgumentException("read-only buffer");
    }
  }

  private static int bits(Interest interest) {
    Objects.requireNonNull(interest, "interest");
    return (interest.isReadable() ? Readiness.READABLE : 0)
        | (interest.isWritable() ? Readiness.WRITABLE : 0);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + (isOpen() ? "" : ", closed") + "]";
  }
}
