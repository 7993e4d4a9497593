package dev.npipe4j.netty;

import dev.npipe4j.internal.handle.CompletionPort;
import dev.npipe4j.internal.handle.PipeHandles;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.ThreadAwareExecutor;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A Netty {@link IoHandler} on npipe4j's Windows I/O completion port: its loops' threads wait in
 * the port themselves ({@code GetQueuedCompletionStatusEx} in {@link #run}, a posted packet in
 * {@link #wakeup}), so a {@link NamedPipeChannel} on such a loop reads and writes on the thread
 * that dequeued its pipe's completion, with no hop between threads.
 *
 * {@snippet :
 * EventLoopGroup group = new MultiThreadIoEventLoopGroup(NamedPipeIoHandler.newFactory());
 * Channel server = new ServerBootstrap()
 *     .group(group)
 *     .channel(NamedPipeServerChannel.class)
 *     .childHandler(new MyHandler())
 *     .bind(NamedPipeAddress.of("\\\\.\\pipe\\demo"))
 *     .sync()
 *     .channel();
 * }
 *
 * <p>The library has one completion port for all its pipes, and one thread at a time waits in it,
 * dispatching every pipe's packets. So the loops of one or several such groups lead the port in
 * turn: only the loop leading it at that moment runs its channels' steps in place; a completion for
 * another loop's channel is handed to that loop as a task, as on any other loop. A group of one
 * loop is hop-free throughout. While a loop runs its tasks, another loop (or, if every loop is
 * busy, the library's own thread within about 10 ms) takes the port. The loops run only tasks and
 * npipe4j's channels: no other Netty channel is compatible with them.
 *
 * <p>Measured under Wine 8 ({@code scripts/bench-netty-wine.sh}: one Windows JVM, 2 cores shared
 * with other work; server and client in the same process; a 1 B echo round trip, 2,000 a round, and
 * 8 MiB in 64 KiB chunks; these loops and Netty's {@code LocalIoHandler} ones, which wait through
 * the library's readiness futures, each with server and client on one loop and on a loop each,
 * alternating in every round). The round trips of all four have two modes on this machine: a fast
 * one, where on one loop the median is 80-100 µs on these loops vs 220-270 µs on a task-only one
 * (2.3-2.8x less; on a loop each, 141 vs 282-292 µs), and a slow one, in which all four take
 * 600-1,000 µs and these loops gain nothing. Medians of a 3-round run that stayed mostly fast, on
 * one loop: mean 103 vs 634 µs, median 91 vs 269 µs, 99th percentile 251 vs 1,710 µs, throughput
 * 215 vs 120 MiB/s; of a 7-round run that stayed mostly slow: median 900 vs 745 µs on one loop and
 * 843 vs 792 µs on a loop each, throughput 120 vs 133 MiB/s on one loop and 217 vs 178 MiB/s on a
 * loop each.
 *
 * <p>Only on Windows: elsewhere {@link #isAvailable()} is false and {@link #newFactory()} throws;
 * use Netty's epoll loops on Linux, where the channels wait in the loop's epoll set.
 */
public final class NamedPipeIoHandler implements IoHandler {
  /** The handler whose loop runs on this thread, set once its loop first runs. */
  private static final ThreadLocal<NamedPipeIoHandler> CURRENT = new ThreadLocal<>();

  private final ThreadAwareExecutor executor;
  private final CompletionPort port;

  /** Channel steps queued by hooks that ran on this loop's thread. Loop only. */
  private final ArrayDeque<Runnable> ready = new ArrayDeque<>();

  /** Raised by {@link #wakeup}, lowered after each wait. */
  private final AtomicBoolean woken = new AtomicBoolean();

  /** The loop's thread, once it runs. */
  private volatile Thread thread;

  private NamedPipeIoHandler(ThreadAwareExecutor executor, CompletionPort port) {
    this.executor = executor;
    this.port = port;
  }

  /**
   * Tells whether these loops can run here: on Windows, with the library's Win32 backend.
   *
   * @return true if {@link #newFactory()} works
   */
  public static boolean isAvailable() {
    return NamedPipeTransport.isAvailable() && PipeHandles.completionPort() != null;
  }

  /**
   * Returns a factory of these handlers, for {@code MultiThreadIoEventLoopGroup}.
   *
   * @return the factory
   * @throws UnsatisfiedLinkError if named pipes are unavailable here ({@link
   *     NamedPipeTransport#ensureAvailability()})
   * @throws UnsupportedOperationException if this is not Windows
   */
  public static IoHandlerFactory newFactory() {
    NamedPipeTransport.ensureAvailability();
    CompletionPort port = PipeHandles.completionPort();
    if (port == null) {
      throw new UnsupportedOperationException(
          "NamedPipeIoHandler waits in the Windows completion port of npipe4j, and this is not"
              + " Windows; use Netty's EpollIoHandler (Linux) or NioIoHandler loops");
    }
    return executor -> new NamedPipeIoHandler(executor, port);
  }

  /** The handler whose loop runs on the calling thread, or null. */
  static NamedPipeIoHandler onThisThread() {
    return CURRENT.get();
  }

  /** The port this handler's loop leads. */
  CompletionPort port() {
    return port;
  }

  /** Tells whether the calling thread is this handler's loop thread. */
  boolean inLoop() {
    return executor.isExecutorThread(Thread.currentThread());
  }

  /** Runs {@code step} on this loop's next {@link #run}, without a task; on the loop only. */
  void runSoon(Runnable step) {
    ready.add(step);
  }

  @Override
  public void initialize() {
    start();
  }

  private void start() {
    if (thread == null) {
      thread = Thread.currentThread();
      CURRENT.set(this);
      port.attach();
    }
  }

  @Override
  public int run(IoHandlerContext context) {
    start();
    int steps = runReady();
    long timeout =
        steps > 0 || !ready.isEmpty() || !context.canBlock()
            ? 0
            : Math.max(0, context.delayNanos(System.nanoTime()));
    int packets = port.lead(timeout, woken::get);
    woken.set(false);
    if (packets < 0) { // the driver is gone: no packet will come, do not spin
      LockSupport.parkNanos(this, Math.min(timeout, TimeUnit.MILLISECONDS.toNanos(10)));
      packets = 0;
    }
    return packets + steps + runReady();
  }

  /** Runs the steps queued so far, not those they queue. */
  private int runReady() {
    int n = ready.size();
    for (int i = 0; i < n; i++) {
      ready.poll().run();
    }
    return n;
  }

  @Override
  public void wakeup() {
    Thread t = thread;
    if (t == null || t == Thread.currentThread()) {
      return; // not waiting: the loop looks at its tasks before it waits again
    }
    if (!woken.getAndSet(true)) {
      port.wake(t);
    }
  }

  @Override
  public void destroy() {
    runReady(); // each finds its channel closed
    if (thread != null) {
      port.detach();
      CURRENT.remove();
    }
  }

  @Override
  public IoRegistration register(IoHandle handle) {
    throw new IllegalArgumentException(
        "NamedPipeIoHandler takes no handles: npipe4j's channels run on it without one");
  }

  @Override
  public boolean isCompatible(Class<? extends IoHandle> handleType) {
    return false;
  }
}
