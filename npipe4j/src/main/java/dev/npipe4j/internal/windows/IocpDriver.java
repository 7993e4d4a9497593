package dev.npipe4j.internal.windows;

import static dev.npipe4j.internal.windows.win32.Win32Layouts.OVERLAPPED_ENTRY;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.VH_OVERLAPPED_ENTRY_dwNumberOfBytesTransferred;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.VH_OVERLAPPED_ENTRY_lpCompletionKey;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.VH_OVERLAPPED_ENTRY_lpOverlapped;

import dev.npipe4j.internal.windows.win32.Iocp;
import dev.npipe4j.internal.windows.win32.Kernel32;
import dev.npipe4j.internal.windows.win32.Win32;
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

/**
 * One I/O completion port and the platform thread that drains it.
 *
 * <p>Every pipe handle is bound to the port with its own completion key, and every overlapped
 * operation of a pipe uses one of that pipe's OVERLAPPED structures, so a packet names its pipe by
 * the key and its operation by the OVERLAPPED address. The thread dequeues packets in batches with
 * {@code GetQueuedCompletionStatusEx} and hands each to its pipe, which updates its state and
 * readiness under its own lock. The thread never runs user code.
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

  private final MemorySegment port;
  private final Thread thread;
  private final AtomicLong nextKey = new AtomicLong(1);

  /** Registered pipes by completion key. */
  private final Map<Long, WindowsPipe> pipes = new ConcurrentHashMap<>();

  private volatile boolean shutdown;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private IocpDriver(MemorySegment port, String name) {
    this.port = port;
    this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
  }

  /**
   * Creates a completion port and starts its thread.
   *
   * @param name the thread's name
   * @return the running driver
   * @throws IOException if the port cannot be created
   */
  public static IocpDriver start(String name) throws IOException {
    MemorySegment port = Iocp.CreateIoCompletionPort(Win32.INVALID_HANDLE_VALUE, Win32.NULL, 0, 1);
    if (Win32.isNull(port)) {
      throw WindowsErrors.toIOException(
          Kernel32.lastError(), "(completion port)", "CreateIoCompletionPort");
    }
    IocpDriver driver = new IocpDriver(port, name);
    driver.thread.start();
    return driver;
  }

  /** Binds a pipe handle to the port and returns its completion key. */
  long register(WindowsPipe pipe, MemorySegment handle, String pipeName) throws IOException {
    if (shutdown) {
      throw new IOException("the completion-port driver is shut down");
    }
    long key = nextKey.getAndIncrement();
    MemorySegment bound = Iocp.CreateIoCompletionPort(handle, port, key, 0);
    if (Win32.isNull(bound)) {
      throw WindowsErrors.toIOException(Kernel32.lastError(), pipeName, "CreateIoCompletionPort");
    }
    pipes.put(key, pipe);
    return key;
  }

  /** Forgets a pipe once its last completion has been dequeued. */
  void unregister(long key) {
    pipes.remove(key);
  }

  /**
   * Returns the number of pipes still registered, closing or not.
   *
   * @return the count
   */
  public int registeredPipes() {
    return pipes.size();
  }

  private void run() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment entries = arena.allocate(OVERLAPPED_ENTRY, BATCH);
      MemorySegment removed = arena.allocate(ValueLayout.JAVA_INT);
      long entrySize = OVERLAPPED_ENTRY.byteSize();
      while (true) {
        // Wait for a batch of packets; INFINITE, because shutdown posts a wake-up packet.
        if (!Iocp.GetQueuedCompletionStatusEx(
            port, entries, BATCH, removed, Win32.INFINITE, false)) {
          int error = Kernel32.lastError();
          if (shutdown
              || error == Win32.ERROR_ABANDONED_WAIT_0
              || error == Win32.ERROR_INVALID_HANDLE) {
            return;
          }
          continue; // WAIT_TIMEOUT cannot happen with INFINITE; anything else: try again
        }
        int n = removed.get(ValueLayout.JAVA_INT, 0);
        boolean wake = false;
        for (int i = 0; i < n; i++) {
          MemorySegment entry = entries.asSlice(i * entrySize, entrySize);
          long key = (long) VH_OVERLAPPED_ENTRY_lpCompletionKey.get(entry);
          if (key == WAKE_KEY) {
            wake = true;
            continue;
          }
          long overlapped = ((MemorySegment) VH_OVERLAPPED_ENTRY_lpOverlapped.get(entry)).address();
          int bytes = (int) VH_OVERLAPPED_ENTRY_dwNumberOfBytesTransferred.get(entry);
          WindowsPipe pipe = pipes.get(key);
          if (pipe != null) {
            pipe.completed(overlapped, bytes);
          }
        }
        if (wake && shutdown) {
          return;
        }
      }
    } finally {
      stopped.countDown();
    }
  }

  /**
   * Closes every pipe, waits up to {@code drainMillis} for their outstanding completions, stops the
   * thread and closes the port. Pipes with operations still outstanding keep their memory for good.
   *
   * @param drainMillis how long to wait for outstanding completions
   * @throws InterruptedException if interrupted while waiting
   */
  public void shutdown(long drainMillis) throws InterruptedException {
    for (WindowsPipe pipe : List.copyOf(pipes.values())) {
      pipe.close();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
    while (!pipes.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    shutdown = true;
    // Closing the port wakes nobody under Wine: post a packet first, then wait for the thread.
    Iocp.PostQueuedCompletionStatus(port, 0, WAKE_KEY, Win32.NULL);
    stopped.await();
    // The kernel may still write these pipes' memory: close their handles, never free them (a
    // shared arena is freed only by close(), which they will never reach).
    for (WindowsPipe pipe : pipes.values()) {
      pipe.abandon();
    }
    pipes.clear();
    Kernel32.CloseHandle(port);
  }
}
