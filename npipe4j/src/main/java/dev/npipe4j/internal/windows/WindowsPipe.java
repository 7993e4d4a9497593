package dev.npipe4j.internal.windows;

import dev.npipe4j.NamedPipeServer.ImpersonatedCall;
import dev.npipe4j.PeerCredentials;
import dev.npipe4j.PipeEnd;
import dev.npipe4j.PipeException;
import dev.npipe4j.PipeInfo;
import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.ServerPipeIo;
import dev.npipe4j.internal.windows.win32.Win32;
import dev.npipe4j.internal.windows.win32.Win32Outcome;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One pipe handle, server instance or client, bound to an {@link IocpDriver}.
 *
 * <p>The pipe owns one OVERLAPPED per kind of operation (connect, read, write), recorded in its
 * {@link PendingIo}, and native read and write buffers; {@link PipeConnector}, {@link PipeReader}
 * and {@link PipeWriter} run the three state machines, each the handler of its own operation. Every
 * field of the four is guarded by this object's monitor. Every OS call goes through the driver's
 * {@link PipeKernel}.
 *
 * <p>Lifetime invariant: no OVERLAPPED or buffer is freed while the kernel may write it. {@link
 * #close()} cancels the read and the connect with {@code CancelIoEx}, lets a write in flight drain
 * (bytes already accepted reach the peer) before it closes the handle, and frees the memory only
 * when the driver has dequeued the last outstanding packet, or taken the completion of a direct
 * read ({@link #finish()}). A direct read's event is closed with the memory, once no thread waits
 * on it.
 */
final class WindowsPipe extends ServerPipeIo implements CompletionTarget {
  private final IocpDriver driver;
  private final PipeKernel kernel;
  private final String name;
  private final boolean server;
  private final boolean messageMode;

  /** The pipe handle, open until {@link #finish()}. */
  final MemorySegment handle;

  private final PendingIo pending;
  private final PipeConnector connector;
  private final PipeReader reader;
  private final PipeWriter writer;
  private final long key;

  /**
   * {@code FILE_SKIP_COMPLETION_PORT_ON_SUCCESS} is on: an operation that completes at once queues
   * no packet, and its result is used on the spot.
   */
  private final boolean skipOnSuccess;

  /** Whether a client's pipe is of message type, asked of the OS on first need. */
  private volatile @Nullable Boolean messageType;

  /** {@link #close()} has run. Guarded by this. */
  private boolean closed;

  /** The handle is closed. Guarded by this. */
  private boolean handleClosed;

  /** The memory is freed (or, after a driver shutdown, abandoned for good). Guarded by this. */
  private boolean finished;

  /** Platform threads waiting on the direct read's event, which stays open while any does. */
  private int directWaiters;

  /** A platform thread in {@link #awaitDirect}, whose own waits keep the reads direct. */
  private volatile @Nullable Thread directReader;

  /** A virtual thread parked to read, whose own waits keep the reads on demand. */
  private volatile @Nullable Thread demandReader;

  /**
   * Holds the caller's buffer during a single-buffer transfer, to allocate nothing, and {@link
   * #NO_BUFFER} between transfers, so it keeps no caller's buffer. Guarded by this.
   */
  private final ByteBuffer[] single = {NO_BUFFER};

  private static final ByteBuffer NO_BUFFER = ByteBuffer.allocate(0);

  WindowsPipe(
      IocpDriver driver, MemorySegment handle, String name, boolean server, boolean messageMode)
      throws IOException {
    this.driver = driver;
    this.kernel = driver.kernel();
    this.handle = handle;
    this.name = name;
    this.server = server;
    this.messageMode = messageMode;
    this.pending = new PendingIo();
    this.connector = new PipeConnector(this, pending);
    this.reader = new PipeReader(this, pending);
    this.writer = new PipeWriter(this, pending);
    try {
      this.key = driver.register(this, handle, name);
    } catch (IOException e) {
      kernel.closeHandle(handle);
      pending.free();
      throw e;
    }
    // A waiter that does not poll the port itself (a virtual thread, a future) needs someone to.
    readiness.onWait(
        () -> {
          Thread me = Thread.currentThread();
          if (me != directReader) {
            reader.preferDirect(false); // the port must see the reads: someone else waits
          }
          if (me != demandReader) {
            reader.readOnDemand(false); // someone may wait on the readiness alone: read ahead
          }
          if ((readiness.awaited() & Readiness.READABLE) != 0) {
            startReading(); // the first read: see clientArrived
          }
          driver.poller().watch(this);
        });
    // Completions of operations that finish at once are handled inline, without a packet and
    // without a trip through the driver thread; if the OS refuses, every operation queues one.
    this.skipOnSuccess = kernel.skipCompletionPortOnSuccess(handle);
    if (!server) {
      synchronized (this) {
        connector.connected();
      }
    }
  }

  IocpDriver driver() {
    return driver;
  }

  PipeKernel kernel() {
    return kernel;
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
    return connector.isConnected() && !closed;
  }

  /** Guarded by this: called with the lock held. */
  boolean isClosed() {
    return closed;
  }

  // ---- connect -------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> connect() {
    CompletableFuture<Void> f;
    synchronized (this) {
      f = connector.connect();
    }
    if (!f.isDone()) {
      driver.poller().watch(this);
    }
    return f;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A platform thread that waits to read waits on the direct read's event, and makes the reads
   * that follow direct; otherwise it polls the port itself while no other thread does ({@link
   * PortPoller}). A virtual thread parks on the readiness, and the thread polling wakes it; one
   * that waits to read issues its read from the wait, after a yield ({@link #awaitOnDemand}).
   */
  @Override
  public boolean park(int interest, long deadlineNanos) {
    if (Thread.currentThread().isVirtual()) {
      return interest == Readiness.READABLE
          ? awaitOnDemand(deadlineNanos)
          : readiness.park(interest, deadlineNanos); // no spin first: see PortPoller
    }
    if (interest == Readiness.READABLE) {
      return awaitDirect(deadlineNanos);
    }
    return driver.poller().await(readiness, interest, deadlineNanos);
  }

  /** Issues a read if the pipe is connected and has none issued and nothing buffered. */
  private synchronized void startReading() {
    if (isConnected()) {
      reader.start();
    }
  }

  /**
   * A virtual thread waits for a read, and the reads issued from now on wait to be asked for
   * ({@link PipeReader#readOnDemand}). If its attempt left the read to this wait, the thread first
   * lets the other runnable virtual threads run, then issues the read: under load the peer's bytes
   * are often there by then, and the read completes at once, with no packet to dequeue, no pending
   * read (which under Wine costs a signal to the issuing carrier and wineserver requests when the
   * bytes come) and no hand-off through the driver thread. With nothing else to run, the yield
   * returns at once and the read pends as it would have.
   */
  @SuppressWarnings("ThreadPriorityCheck") // the yield is the point: see above
  private boolean awaitOnDemand(long deadlineNanos) {
    Thread me = Thread.currentThread();
    demandReader = me;
    reader.readOnDemand(true);
    try {
      boolean deferred;
      synchronized (this) {
        deferred = isConnected() && reader.isDeferred();
      }
      if (deferred) {
        Thread.yield();
        startReading();
        if (readiness.isMet(Readiness.READABLE)) {
          return true;
        }
      }
      return readiness.park(Readiness.READABLE, deadlineNanos);
    } finally {
      if (demandReader == me) {
        demandReader = null;
      }
    }
  }

  /**
   * A platform thread waits for a read: on the direct read's event while one is in flight, else as
   * any platform thread; the reads issued from now on are direct.
   */
  private boolean awaitDirect(long deadlineNanos) {
    Thread me = Thread.currentThread();
    directReader = me;
    reader.preferDirect(true);
    startReading(); // a wait with no read issued yet: see clientArrived
    try {
      while (true) {
        MemorySegment event;
        long serial;
        synchronized (this) {
          if (readiness.isMet(Readiness.READABLE)) {
            return true;
          }
          event = reader.directEvent();
          if (event == null) {
            break; // a read through the port is in flight (or none is)
          }
          if (me.isInterrupted()) {
            return false;
          }
          serial = reader.directSerial();
          directWaiters++;
        }
        int timeout = PortPoller.SLICE_MILLIS;
        if (deadlineNanos != Long.MAX_VALUE) {
          long left = deadlineNanos - System.nanoTime();
          timeout = left <= 0 ? 0 : (int) Math.max(1, Math.min(timeout, left / 1_000_000));
        }
        boolean signaled = false;
        try {
          signaled = kernel.waitForSingleObject(event, timeout) == Win32.ERROR_SUCCESS;
        } finally {
          synchronized (this) {
            directWaiters--;
            // Signaled for the read in flight when the wait began, if it still is in flight.
            reader.reap(signaled && reader.directSerial() == serial);
            if (closed) {
              finish();
            }
            if (finished && directWaiters == 0) {
              reader.closeEvent();
            }
          }
        }
        if (timeout == 0) {
          return readiness.isMet(Readiness.READABLE);
        }
      }
      return driver.poller().await(readiness, Readiness.READABLE, deadlineNanos);
    } finally {
      if (directReader == me) {
        directReader = null;
      }
    }
  }

  @Override
  public synchronized boolean reapDirect() {
    reader.reap(false);
    if (closed) {
      finish();
    }
    return reader.directEvent() != null;
  }

  @Override
  public synchronized boolean needsPolling() {
    return readiness.awaited() != 0 || connector.isWaiting() || (closed && !finished);
  }

  /**
   * A client is there: the pipe is writable (as in mio). Lock held.
   *
   * <p>Unlike mio, no read is issued yet: the first read is issued by the first {@code read} or by
   * the first wait for {@code READABLE} (see the wait listener in the constructor), and from then
   * on the pipe reads ahead as mio does, unless a thread blocks on its reads ({@code
   * PipeReader.drained}). A read issued when the peer's bytes are already there completes at once,
   * with no packet; one that pends costs, under Wine, a signal to the issuing thread and three
   * wineserver requests more when the bytes come. A client that writes first and a server that
   * reads a request on accept, the common case, so skip the pending read.
   */
  void clientArrived() {
    readiness.set(Readiness.WRITABLE);
  }

  @Override
  public void disconnect() throws IOException {
    synchronized (this) {
      if (closed) {
        throw new ClosedChannelException();
      }
      if (connector.inFlight()) {
        return; // no client yet: keep listening
      }
      int error = kernel.disconnectNamedPipe(handle);
      switch (Win32Outcome.of(error)) {
        case SUCCESS, NOT_CONNECTED, LISTENING -> {}
        default -> throw WindowsErrors.toIOException(error, name, "DisconnectNamedPipe");
      }
      // Nothing of this client may reach the next one: no data, no EOF, no deferred error.
      connector.disconnected();
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
      single[0] = NO_BUFFER;
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
      single[0] = NO_BUFFER;
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
  public synchronized byte @Nullable [] readMessage() throws IOException {
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

  /** Takes a dequeued packet of this pipe to the operation that owns its OVERLAPPED. */
  @Override
  public synchronized void completed(long overlapped, int bytes) {
    OverlappedOp op = pending.owner(overlapped);
    if (op != null) {
      op.packet(bytes);
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
        int error = kernel.getNamedPipeInfo(handle, flags, out, in, max);
        if (Win32Outcome.of(error) != Win32Outcome.SUCCESS) {
          throw WindowsErrors.toIOException(error, name, "GetNamedPipeInfo");
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
        if (server && !connector.isConnected()) {
          throw new PipeException(name + ": no client is connected", 0);
        }
        int error = kernel.getPeerProcessId(handle, server, pid);
        if (Win32Outcome.of(error) != Win32Outcome.SUCCESS) {
          throw WindowsErrors.toIOException(
              error, name, server ? "GetNamedPipeClientProcessId" : "GetNamedPipeServerProcessId");
        }
      }
      return Integer.toUnsignedLong(pid.get(ValueLayout.JAVA_INT, 0));
    }
  }

  @Override
  public PeerCredentials peerCredentials() throws IOException {
    return WindowsIdentity.peerCredentials(this);
  }

  @Override
  public <R, X extends Throwable> R impersonate(ImpersonatedCall<? extends R, X> action)
      throws IOException, X {
    return WindowsIdentity.impersonate(this, action);
  }

  // ---- close ---------------------------------------------------------------------------------

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      // Cancel what may never complete on its own; a write in flight drains to the peer first.
      connector.closed();
      reader.cancel();
      finish();
    }
    readiness.close();
    driver.poller().watch(this); // packets to dequeue before the memory goes
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
      kernel.closeHandle(handle);
    }
    if (finished || !pending.idle()) {
      return;
    }
    if (directWaiters == 0) {
      reader.closeEvent(); // else the last waiter to leave closes it
    }
    finished = true;
    driver.unregister(key);
    reader.free();
    writer.free();
    pending.free();
  }

  @Override
  public synchronized void abandon() {
    finished = true;
    if (!handleClosed) {
      handleClosed = true;
      kernel.closeHandle(handle);
    }
  }
}
