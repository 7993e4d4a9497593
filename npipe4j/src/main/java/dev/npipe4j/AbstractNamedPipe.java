package dev.npipe4j;

import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.PipeName;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.Retry;
import dev.npipe4j.internal.handle.PipeHandles;
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
import org.jspecify.annotations.Nullable;

/**
 * What servers and clients share (each implements {@link NamedPipe} itself, which is sealed to the
 * two): every I/O style built on the backend's non-blocking {@link PipeIo}.
 */
abstract sealed class AbstractNamedPipe implements AsynchronousByteChannel
    permits NamedPipeServer, NamedPipeClient {
  static {
    PipeHandles.install(pipe -> ((AbstractNamedPipe) pipe).io);
  }

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

  public final <T> @Nullable T tryIo(Interest interest, IoCall<T> action) throws IOException {
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
    AsyncIo<T> result = new AsyncIo<>(this, bits(interest), interest, action);
    result.start();
    return result;
  }

  /** An {@link #asyncIo}: the user's action, retried at each readiness event. */
  private static final class AsyncIo<T> extends Retry<T> {
    private final AbstractNamedPipe pipe;
    private final Interest interest;
    private final IoCall<T> action;

    AsyncIo(AbstractNamedPipe pipe, int bits, Interest interest, IoCall<T> action) {
      super(pipe.io.readiness(), bits);
      this.pipe = pipe;
      this.interest = interest;
      this.action = action;
    }

    @Override
    protected @Nullable T attempt() throws IOException {
      return pipe.tryIo(interest, action);
    }
  }

  public final CompletableFuture<byte[]> readMessage() {
    PipeEvents.Span span = PipeEvents.read();
    MessageRead result = new MessageRead(this);
    result.start();
    // Step: a pipe that reads no messages says so at once, as the method's contract throws.
    if (result.isCompletedExceptionally()
        && result.exceptionNow() instanceof UnsupportedOperationException refused) {
      throw refused;
    }
    if (span != null) {
      PipeEvents.finishOnCompletion(span, this, result.thenApply(m -> m == null ? -1 : m.length));
    }
    return result;
  }

  /** A {@link #readMessage}: the backend's whole-message read, retried at each readiness event. */
  private static final class MessageRead extends Retry<byte[]> {
    private final AbstractNamedPipe pipe;

    MessageRead(AbstractNamedPipe pipe) {
      super(pipe.io.readiness(), Readiness.READABLE);
      this.pipe = pipe;
    }

    @Override
    protected byte @Nullable [] attempt() throws IOException {
      pipe.ensureOpen();
      return pipe.io.readMessage();
    }

    @Override
    protected byte @Nullable [] value(byte[] outcome) {
      return outcome == PipeIo.END_OF_STREAM ? null : outcome;
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
    Transfer t = Transfer.read(this, dst, readPending);
    if (span != null) {
      PipeEvents.finishOnCompletion(span, this, t);
    }
    return t;
  }

  @Override
  public final <A extends @Nullable Object> void read(
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
    Transfer t = Transfer.write(this, src, writePending);
    if (span != null) {
      PipeEvents.finishOnCompletion(span, this, t);
    }
    return t;
  }

  @Override
  public final <A extends @Nullable Object> void write(
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
