package dev.npipe4j.internal.windows;

import dev.npipe4j.PipeEnd;
import dev.npipe4j.PipeInfo;
import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.Callbacks;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.ServerPipeIo;
import dev.npipe4j.internal.windows.win32.Iocp;
import dev.npipe4j.internal.windows.win32.Kernel32;
import dev.npipe4j.internal.windows.win32.Win32;
import dev.npipe4j.internal.windows.win32.Win32Outcome;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pipe handle, server instance or client, bound to an {@link IocpDriver}.
 *
 * <p>The pipe owns one OVERLAPPED per kind of operation (connect, read, write) in its arena, and
 * native read and write buffers; {@link PipeReader} and {@link PipeWriter} run the read and write
 * state machines. Every field of the three is guarded by this object's monitor.
 *
 * <p>Lifetime invariant: no OVERLAPPED or buffer is freed while the kernel may write it. {@link
 * #close()} cancels the read and the connect with {@code CancelIoEx}, lets a write in flight drain
 * (bytes already accepted reach the peer) before it closes the handle, and frees the memory only
 * when the driver has dequeued the last outstanding packet ({@link #finish()}).
 */
final class WindowsPipe extends ServerPipeIo {
  /** Pipes whose handle and memory are not yet released, for leak checks. */
  private static final AtomicInteger LIVE = new AtomicInteger();

  private final IocpDriver driver;
  private final String name;
  private final boolean server;
  private final boolean messageMode;

  /** The pipe handle, open until {@link #finish()}. */
  final MemorySegment handle;

  private final Arena arena;
  private final OverlappedOp connectOp;
  private final PipeReader reader;
  private final PipeWriter writer;
  private final long key;

  /**
   * {@code FILE_SKIP_COMPLETION_PORT_ON_SUCCESS} is on: an operation that completes at once queues
   * no packet, and its result is used on the spot.
   */
  private final boolean skipOnSuccess;

  /** Whether a client's pipe is of message type, asked of the OS on first need. */
  private volatile Boolean messageType;

  /** A client is connected (always true for a client end until closed). Guarded by this. */
  private boolean connected;

  /** {@link #close()} has run. Guarded by this. */
  private boolean closed;

  /** The handle is closed. Guarded by this. */
  private boolean handleClosed;

  /** The memory is freed (or, after a driver shutdown, abandoned for good). Guarded by this. */
  private boolean finished;

  /**
   * Holds the caller's buffer during a single-buffer transfer, to allocate nothing. Guarded by
   * this.
   */
  private final ByteBuffer[] single = new ByteBuffer[1];

  /** Completed when the pending connect completes; never handed out itself. Guarded by this. */
  private CompletableFuture<Void> connectDone;

  WindowsPipe(
      IocpDriver driver, MemorySegment handle, String name, boolean server, boolean messageMode)
      throws IOException {
    this.driver = driver;
    this.handle = handle;
    this.name = name;
    this.server = server;
    this.messageMode = messageMode;
    this.arena = Arena.ofShared();
    this.connectOp = new OverlappedOp(arena);
    this.reader = new PipeReader(this, new OverlappedOp(arena));
    this.writer = new PipeWriter(this, new OverlappedOp(arena));
    try {
      this.key = driver.register(this, handle, name);
    } catch (IOException e) {
      Kernel32.CloseHandle(handle);
      arena.close();
      throw e;
    }
    LIVE.incrementAndGet();
    // Completions of operations that finish at once are handled inline, without a packet and
    // without a trip through the driver thread; if the OS refuses, every operation queues one.
    this.skipOnSuccess =
        Iocp.SetFileCompletionNotificationModes(handle, Win32.FILE_SKIP_COMPLETION_PORT_ON_SUCCESS);
    if (!server) {
      synchronized (this) {
        connected();
      }
    }
  }

  String name() {
    return name;
  }

  boolean isServer() {
    return server;
  }

  boolean isMessageMode() {
    return messageMode;
  }

  /** Tells whether an operation that completes at once queues no packet. */
  boolean skipsOnSuccess() {
    return skipOnSuccess;
  }

  /** Guarded by this: called with the lock held. */
  boolean isConnected() {
    return connected && !closed;
  }

  /** Guarded by this: called with the lock held. */
  boolean isClosed() {
    return closed;
  }

  // ---- connect -------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> connect() {
    CompletableFuture<Void> done;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new ClosedChannelException());
      }
      if (connected) {
        return CompletableFuture.completedFuture(null);
      }
      done = connectDone;
      if (done == null) {
        done = connectDone = new CompletableFuture<>();
        if (!connectOp.inFlight) {
          issueConnect();
          if (connected) {
            return CompletableFuture.completedFuture(null); // a client was already there
          }
        }
      }
    }
    // Each caller gets its own future: cancelling it leaves the instance listening.
    return done.isDone() ? done : done.copy();
  }

  private void issueConnect() {
    boolean ok = Kernel32.ConnectNamedPipe(handle, connectOp.prepare());
    int error = ok ? Win32.ERROR_SUCCESS : Kernel32.lastError();
    if (error == Win32.ERROR_SUCCESS && skipOnSuccess) {
      connected(); // completed at once, and skip mode queues no packet
      return;
    }
    switch (Win32Outcome.of(error)) {
      // I/O is pending; a synchronous success without skip mode also queues a packet.
      case SUCCESS, PENDING -> connectOp.inFlight = true;
      // A client is already there (535), or came and went (232): connected, no packet.
      case CONNECTED, PEER_CLOSED -> connected();
      default -> connectFailed(WindowsErrors.toIOException(error, name, "ConnectNamedPipe"));
    }
  }

  private void connected() {
    connected = true;
    // The connect completion makes the pipe writable, as in mio.
    readiness.set(Readiness.WRITABLE);
    reader.start();
    CompletableFuture<Void> done = connectDone;
    connectDone = null;
    if (done != null) {
      Callbacks.executor().execute(() -> done.complete(null));
    }
  }

  private void connectFailed(Throwable error) {
    CompletableFuture<Void> done = connectDone;
    connectDone = null;
    if (done != null) {
      Callbacks.executor().execute(() -> done.completeExceptionally(error));
    }
  }

  @Override
  public void disconnect() throws IOException {
    synchronized (this) {
      if (closed) {
        throw new ClosedChannelException();
      }
      if (connectOp.inFlight) {
        return; // no client yet: keep listening
      }
      if (!Kernel32.DisconnectNamedPipe(handle)) {
        int error = Kernel32.lastError();
        if (error != Win32.ERROR_PIPE_NOT_CONNECTED && error != Win32.ERROR_PIPE_LISTENING) {
          throw WindowsErrors.toIOException(error, name, "DisconnectNamedPipe");
        }
      }
      // Nothing of this client may reach the next one: no data, no EOF, no deferred error.
      connected = false;
      reader.reset();
      writer.reset();
      readiness.clear(
          Readiness.READABLE | Readiness.WRITABLE | Readiness.READ_CLOSED | Readiness.WRITE_CLOSED);
    }
  }

  // ---- transfers -----------------------------------------------------------------------------

  @Override
  public synchronized int read(ByteBuffer dst) throws IOException {
    ensureOpen();
    single[0] = dst;
    try {
      return (int) reader.read(single, 0, 1);
    } finally {
      single[0] = null;
    }
  }

  @Override
  public synchronized long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    ensureOpen();
    return reader.read(dsts, offset, length);
  }

  @Override
  public synchronized int write(ByteBuffer src) throws IOException {
    ensureOpen();
    single[0] = src;
    try {
      return (int) writer.write(single, 0, 1);
    } finally {
      single[0] = null;
    }
  }

  @Override
  public synchronized long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    ensureOpen();
    return writer.write(srcs, offset, length);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A zero-length message on a pipe of message type; a pipe of byte type has no half-close.
   */
  @Override
  public void closeWrite() throws IOException {
    if (!writesMessages()) {
      throw new UnsupportedOperationException(
          name
              + " is a byte-type pipe, and Windows has no half-close for those: a zero-byte write"
              + " reaches no reader. closeWrite() needs a pipe created in PipeMode.MESSAGE (as"
              + " go-winio's CloseWrite does); otherwise close the pipe.");
    }
    synchronized (this) {
      ensureOpen();
      writer.closeWrite();
    }
  }

  /** Tells whether this end's writes are messages: the pipe's type, not this end's read mode. */
  private boolean writesMessages() throws IOException {
    if (server) {
      return messageMode;
    }
    Boolean known = messageType;
    if (known == null) {
      messageType = known = info().mode() == PipeMode.MESSAGE;
    }
    return known;
  }

  @Override
  public synchronized byte[] readMessage() throws IOException {
    ensureOpen();
    if (!messageMode) {
      throw new UnsupportedOperationException(
          name + " reads bytes: whole-message reads need PipeMode.MESSAGE");
    }
    return reader.readMessage();
  }

  @Override
  public synchronized int messageBytesRemaining() {
    return closed ? 0 : reader.remaining();
  }

  private void ensureOpen() throws ClosedChannelException {
    if (closed) {
      throw new ClosedChannelException();
    }
  }

  // ---- completions ---------------------------------------------------------------------------

  /** Called by the driver thread for each dequeued packet of this pipe. */
  synchronized void completed(long overlapped, int bytes) {
    if (connectOp.owns(overlapped)) {
      connectOp.inFlight = false;
      if (!closed) {
        int error = connectOp.status(handle);
        switch (Win32Outcome.of(error)) {
          case SUCCESS, CONNECTED, PEER_CLOSED -> connected();
          default -> connectFailed(WindowsErrors.toIOException(error, name, "ConnectNamedPipe"));
        }
      }
    } else if (reader.owns(overlapped)) {
      reader.completed(bytes);
    } else if (writer.owns(overlapped)) {
      writer.completed(bytes);
    }
    if (closed) {
      finish();
    }
  }

  // ---- information ---------------------------------------------------------------------------

  @Override
  public PipeInfo info() throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment flags = a.allocate(ValueLayout.JAVA_INT);
      MemorySegment out = a.allocate(ValueLayout.JAVA_INT);
      MemorySegment in = a.allocate(ValueLayout.JAVA_INT);
      MemorySegment max = a.allocate(ValueLayout.JAVA_INT);
      synchronized (this) {
        ensureOpen();
        if (!Kernel32.GetNamedPipeInfo(handle, flags, out, in, max)) {
          throw WindowsErrors.toIOException(Kernel32.lastError(), name, "GetNamedPipeInfo");
        }
      }
      int f = flags.get(ValueLayout.JAVA_INT, 0);
      int m = max.get(ValueLayout.JAVA_INT, 0);
      return new PipeInfo(
          (f & Win32.PIPE_TYPE_MESSAGE) != 0 ? PipeMode.MESSAGE : PipeMode.BYTE,
          (f & Win32.PIPE_SERVER_END) != 0 ? PipeEnd.SERVER : PipeEnd.CLIENT,
          // 255 for no limit; Wine: 0xFFFFFFFF (UNLIMITED_INSTANCES_REPORTED_AS_MAX_DWORD).
          m < 0 || m > PipeInfo.UNLIMITED_INSTANCES ? PipeInfo.UNLIMITED_INSTANCES : m,
          out.get(ValueLayout.JAVA_INT, 0),
          in.get(ValueLayout.JAVA_INT, 0));
    }
  }

  @Override
  public long peerProcessId() throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment pid = a.allocate(ValueLayout.JAVA_INT);
      synchronized (this) {
        ensureOpen();
        if (server && !connected) {
          throw new dev.npipe4j.PipeException(name + ": no client is connected", 0);
        }
        boolean ok =
            server
                ? Kernel32.GetNamedPipeClientProcessId(handle, pid)
                : Kernel32.GetNamedPipeServerProcessId(handle, pid);
        if (!ok) {
          throw WindowsErrors.toIOException(
              Kernel32.lastError(),
              name,
              server ? "GetNamedPipeClientProcessId" : "GetNamedPipeServerProcessId");
        }
      }
      return Integer.toUnsignedLong(pid.get(ValueLayout.JAVA_INT, 0));
    }
  }

  // ---- close ---------------------------------------------------------------------------------

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      connectFailed(new AsynchronousCloseException());
      // Cancel what may never complete on its own; a write in flight drains to the peer first.
      reader.cancel();
      if (connectOp.inFlight) {
        Kernel32.CancelIoEx(handle, connectOp.overlapped);
      }
      finish();
    }
    readiness.close();
  }

  /**
   * Releases what a closed pipe holds, as soon as each part may go. Lock held.
   *
   * <p>The handle closes once no write is in flight, so the peer sees the close at once while
   * cancelled reads and connects still deliver their packets: the port stays bound to the
   * operations in flight. The memory is freed only when no packet is outstanding.
   */
  private void finish() {
    if (!handleClosed && !writer.inFlight()) {
      handleClosed = true;
      Kernel32.CloseHandle(handle);
    }
    if (finished || connectOp.inFlight || reader.inFlight() || writer.inFlight()) {
      return;
    }
    finished = true;
    driver.unregister(key);
    reader.free();
    writer.free();
    arena.close();
    LIVE.decrementAndGet();
  }

  /** Returns how many pipes still hold their handle and memory. */
  static int live() {
    return LIVE.get();
  }

  /** Closes the handle of a pipe whose packets will never come; its memory is never freed. */
  synchronized void abandon() {
    finished = true;
    if (!handleClosed) {
      handleClosed = true;
      Kernel32.CloseHandle(handle);
    }
  }
}
