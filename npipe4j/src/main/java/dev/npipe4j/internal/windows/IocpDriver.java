package dev.npipe4j.internal.windows;

import static dev.npipe4j.internal.windows.win32.Win32Layouts.OVERLAPPED_ENTRY;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.VH_OVERLAPPED_ENTRY_dwNumberOfBytesTransferred;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.VH_OVERLAPPED_ENTRY_lpCompletionKey;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.VH_OVERLAPPED_ENTRY_lpOverlapped;

import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.handle.CompletionPort;
import dev.npipe4j.internal.windows.win32.Win32Outcome;
import dev.npipe4j.internal.windows.win32.Wine;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One I/O completion port and the platform thread that drains it.
 *
 * <p>Every pipe handle is bound to the port with its own completion key, and every overlapped
 * operation of a pipe uses one of that pipe's OVERLAPPED structures, so a packet names its pipe by
 * the key and its operation by the OVERLAPPED address. The thread dequeues packets in batches with
 * {@code GetQueuedCompletionStatusEx} ({@link #poll}) and hands each to its {@link
 * CompletionTarget}, which updates its state and readiness under its own lock. The thread never
 * runs user code. Every OS call goes through the driver's {@link PipeKernel}, which its pipes use
 * too. Reads a platform thread blocks on queue no packet at all: that thread waits on their event
 * ({@link PortPoller} tells who takes which completion).
 *
 * <p>Shutdown posts a packet with key {@value #WAKE_KEY} before the port is closed: closing a port
 * does not wake a thread blocked on it under Wine, nor on old Windows. Pipes still open at shutdown
 * are closed; pipes whose operations have not completed by then are abandoned, never freed, because
 * the kernel may still write their OVERLAPPEDs and buffers.
 */
public final class IocpDriver {
  /** The completion key of the wake-up packet; pipe keys start at 1. */
  static final long WAKE_KEY = 0;

  /**
   * How many packets one {@code GetQueuedCompletionStatusEx} may return. On Windows a batch saves
   * kernel transitions. Wine fills a batch by asking the wineserver for packets until it finds
   * none, so every wake-up of a batched call costs one request more than a single-packet call;
   * there the batch is 1, which measured about one request less per completion.
   */
  private static final int BATCH = Wine.isWine() ? 1 : 64;

  private final PipeKernel kernel;
  private final MemorySegment port;
  private final Thread thread;
  private final PortPoller poller;
  private final AtomicLong nextKey = new AtomicLong(1);

  /** Registered handles by completion key. */
  private final Map<Long, CompletionTarget> targets = new ConcurrentHashMap<>();

  /** The packets of one {@link #poll}, and their count; only one thread polls at a time. */
  private final MemorySegment entries;

  private final MemorySegment removed;

  private volatile boolean shutdown;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private IocpDriver(PipeKernel kernel, MemorySegment port, String name) {
    this.kernel = kernel;
    this.port = port;
    this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    this.poller = new PortPoller(this, thread);
    Arena arena = Arena.ofAuto();
    this.entries = arena.allocate(OVERLAPPED_ENTRY, BATCH);
    this.removed = arena.allocate(ValueLayout.JAVA_INT);
  }

  /**
   * Creates a completion port and starts its thread.
   *
   * @param name the thread's name
   * @return the running driver
   * @throws IOException if the port cannot be created
   */
  public static IocpDriver start(String name) throws IOException {
    return start(NativePipeKernel.INSTANCE, name);
  }

  /** Creates a driver over {@code kernel} and starts its thread. */
  static IocpDriver start(PipeKernel kernel, String name) throws IOException {
    IocpDriver driver = create(kernel, name);
    driver.thread.start();
    return driver;
  }

  /**
   * Creates a driver over {@code kernel} whose thread is not started: the caller drains the port
   * with {@link #poll}.
   */
  static IocpDriver create(PipeKernel kernel, String name) throws IOException {
    return new IocpDriver(kernel, kernel.createCompletionPort(), name);
  }

  PipeKernel kernel() {
    return kernel;
  }

  /** Binds a handle to the port and returns its completion key. */
  long register(CompletionTarget target, MemorySegment handle, String pipeName) throws IOException {
    if (shutdown) {
      throw new IOException("the completion-port driver is shut down");
    }
    long key = nextKey.getAndIncrement();
    kernel.bindToPort(handle, port, key, pipeName);
    targets.put(key, target);
    return key;
  }

  /** Forgets a target once its last completion has been dequeued. */
  void unregister(long key) {
    targets.remove(key);
  }

  /** Returns the number of targets still registered, closing or not: those holding memory. */
  int registeredPipes() {
    return targets.size();
  }

  /** Who polls the port: the driver thread, or a platform thread waiting for its own pipe. */
  PortPoller poller() {
    return poller;
  }

  /**
   * Returns the port as event loops lead it.
   *
   * @return the port's leader/follower, for event loops
   */
  public CompletionPort completionPort() {
    return poller;
  }

  /**
   * Returns the completion port of the driver a pipe endpoint is bound to.
   *
   * @param io the endpoint
   * @return its driver's port, or null if the endpoint is not a Windows pipe
   */
  public static @Nullable CompletionPort completionPortOf(PipeIo io) {
    return io instanceof WindowsPipe pipe ? pipe.driver().completionPort() : null;
  }

  boolean isShutdown() {
    return shutdown;
  }

  /** Posts a wake-up packet: the thread polling returns from its wait. */
  void wake() {
    kernel.postQueuedCompletionStatus(port, WAKE_KEY);
  }

  private void run() {
    try {
      poller.run();
    } finally {
      stopped.countDown();
    }
  }

  /**
   * Waits up to {@code timeoutMillis} for a batch of packets and hands each to its target. Only the
   * thread {@link PortPoller} lets poll calls this (or a test's own thread, with no other).
   *
   * @return false once the driver is shut down (or its port closed), else true
   */
  boolean poll(int timeoutMillis) {
    return dispatch(timeoutMillis) >= 0;
  }

  /**
   * As {@link #poll}, and tells how many pipe packets it dispatched.
   *
   * @return the number of pipe packets dispatched (wake-up packets not counted), or -1 once the
   *     driver is shut down (or its port closed)
   */
  int dispatch(int timeoutMillis) {
    int error = kernel.getQueuedCompletionStatusEx(port, entries, BATCH, removed, timeoutMillis);
    switch (Win32Outcome.of(error)) {
      case SUCCESS -> {}
      case CLOSED_HANDLE -> {
        return -1;
      }
      default -> {
        return shutdown ? -1 : 0; // a timeout; anything else: try again
      }
    }
    int n = removed.get(ValueLayout.JAVA_INT, 0);
    long entrySize = OVERLAPPED_ENTRY.byteSize();
    boolean wake = false;
    int dispatched = 0;
    for (int i = 0; i < n; i++) {
      MemorySegment entry = entries.asSlice(i * entrySize, entrySize);
      long key = (long) VH_OVERLAPPED_ENTRY_lpCompletionKey.get(entry);
      if (key == WAKE_KEY) {
        wake = true;
        continue;
      }
      long overlapped = ((MemorySegment) VH_OVERLAPPED_ENTRY_lpOverlapped.get(entry)).address();
      int bytes = (int) VH_OVERLAPPED_ENTRY_dwNumberOfBytesTransferred.get(entry);
      CompletionTarget target = targets.get(key);
      if (target != null) {
        target.completed(overlapped, bytes);
        dispatched++;
      }
    }
    return wake && shutdown ? -1 : dispatched;
  }

  /**
   * Closes every pipe, waits up to {@code drainMillis} for their outstanding completions, stops the
   * thread and closes the port. Pipes with operations still outstanding keep their memory for good.
   *
   * @param drainMillis how long to wait for outstanding completions
   * @throws InterruptedException if interrupted while waiting
   */
  public void shutdown(long drainMillis) throws InterruptedException {
    for (CompletionTarget target : List.copyOf(targets.values())) {
      target.close();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
    while (!targets.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    shutdown = true;
    // Closing the port wakes nobody under Wine: post a packet first, then wait for the thread.
    wake();
    poller.shutdown();
    if (thread.getState() != Thread.State.NEW) {
      stopped.await();
    }
    // The kernel may still write these pipes' memory: close their handles, never free them (a
    // shared arena is freed only by close(), which they will never reach).
    for (CompletionTarget target : targets.values()) {
      target.abandon();
    }
    targets.clear();
    kernel.closeHandle(port);
  }
}
