package dev.npipe4j.internal.linux;

import dev.npipe4j.internal.linux.libc.Libc;
import dev.npipe4j.internal.linux.libc.LibcLayouts;
import dev.npipe4j.internal.linux.libc.Macros;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One epoll instance and the daemon platform thread that waits on it.
 *
 * <p>The thread only turns events into readiness: it calls each registration's {@link Handler},
 * which raises the endpoint's bits and wakes its waiters; no user code runs here. Connections are
 * registered with {@code EPOLLONESHOT} and armed only while a virtual thread or a future waits on
 * them ({@link Connection}): a platform thread that blocks waits in the kernel itself, and this
 * thread is not woken for it. Each registration carries a token, never reused, so an event that was
 * queued for a closed descriptor cannot reach the socket that takes its number next.
 */
final class EpollDriver {
  private static final System.Logger LOG = System.getLogger(EpollDriver.class.getName());

  private static final int BATCH = 256;

  /** Reacts to the events of one registration. Runs on the driver thread. */
  interface Handler {
    /**
     * Handles events.
     *
     * @param events the {@code EPOLL*} bits that fired
     */
    void onEvents(int events);
  }

  private static final class Holder {
    static final EpollDriver SHARED = new EpollDriver("npipe4j-epoll");
  }

  private final int epfd;
  private final ConcurrentHashMap<Long, Handler> handlers = new ConcurrentHashMap<>();
  private final AtomicLong tokens = new AtomicLong();

  private EpollDriver(String threadName) {
    epfd = Libc.epoll_create1(Macros.EPOLL_CLOEXEC);
    if (epfd < 0) {
      throw new IllegalStateException("epoll_create1 failed: errno " + Libc.errno());
    }
    Thread.ofPlatform().name(threadName).daemon().start(this::run);
  }

  /** Returns the driver shared by every pipe of the process, started on first use. */
  static EpollDriver shared() {
    return Holder.SHARED;
  }

  /**
   * Registers a descriptor. The caller holds a call on {@code fd} ({@link Fd#acquire()}).
   *
   * @return the registration's token
   */
  long register(Fd fd, int events, Handler handler) throws IOException {
    long token = tokens.incrementAndGet();
    handlers.put(token, handler);
    if (ctl(Macros.EPOLL_CTL_ADD, fd, events, token) < 0) {
      int errno = Libc.errno();
      handlers.remove(token);
      throw LinuxErrors.io("epoll_ctl(ADD) on " + fd, errno);
    }
    return token;
  }

  /**
   * Changes what a registration waits for; skipped if the descriptor is closed.
   *
   * @return false if the descriptor is closed
   */
  boolean modify(Fd fd, int events, long token) {
    if (!fd.acquire()) {
      return false;
    }
    try {
      return ctl(Macros.EPOLL_CTL_MOD, fd, events, token) == 0;
    } finally {
      fd.release();
    }
  }

  /** Forgets a registration; its descriptor leaves the epoll set when it is closed. */
  void forget(long token) {
    handlers.remove(token);
  }

  private int ctl(int op, Fd fd, int events, long token) {
    MemorySegment ev = Locals.get();
    LibcLayouts.epollEvent(ev, 0, events, token);
    return Libc.epoll_ctl(epfd, op, fd.value, ev);
  }

  private void run() {
    MemorySegment events = Arena.global().allocate((long) BATCH * LibcLayouts.EPOLL_EVENT_BYTES, 8);
    while (true) {
      try {
        int n = Libc.epoll_wait(epfd, events, BATCH, -1);
        for (int i = 0; i < n; i++) {
          Handler h = handlers.get(LibcLayouts.epollData(events, i));
          if (h != null) {
            h.onEvents(LibcLayouts.epollEvents(events, i));
          }
        }
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "npipe4j epoll loop failed; continuing", e);
      }
    }
  }
}
