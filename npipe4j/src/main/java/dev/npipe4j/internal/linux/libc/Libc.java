package dev.npipe4j.internal.linux.libc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * libc bindings for Unix domain sockets, epoll and poll, named and typed as in the C headers.
 *
 * <p>{@code int} is {@code int}, {@code size_t} and {@code ssize_t} are {@code long} (LP64),
 * pointers are {@link MemorySegment}s. Every function here sets {@code errno} on failure: it is
 * captured right after the call into the calling thread's capture segment, and {@link #errno()}
 * returns it. Read it on the same thread, before the next binding call. Functions are linked on
 * their first call, so this class loads on every OS.
 *
 * <p>Two kinds of transfer exist. {@link #recv} and {@link #send} are linked as critical functions
 * that may be handed heap segments: they must only be called with {@code MSG_DONTWAIT}, since the
 * garbage collector waits for them. {@link #recvBlocking} and {@link #sendBlocking} may block and
 * take native segments only.
 */
public final class Libc {
  private Libc() {}

  private static final FunctionDescriptor INT_INT = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
  private static final FunctionDescriptor TRANSFER =
      FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);

  /** Lazily linked downcall handles, initialized on the first call. */
  private static final class H {
    static final MethodHandle socket =
        Native.errnoSetting(
            "socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle bind =
        Native.errnoSetting("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle listen =
        Native.errnoSetting("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle connect =
        Native.errnoSetting(
            "connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle accept4 =
        Native.errnoSetting(
            "accept4", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    static final MethodHandle recv = Native.heapAccessing("recv", TRANSFER);
    static final MethodHandle send = Native.heapAccessing("send", TRANSFER);
    static final MethodHandle recvBlocking = Native.errnoSetting("recv", TRANSFER);
    static final MethodHandle sendBlocking = Native.errnoSetting("send", TRANSFER);
    static final MethodHandle shutdown =
        Native.errnoSetting("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle close = Native.errnoSetting("close", INT_INT);
    static final MethodHandle getsockopt =
        Native.errnoSetting(
            "getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle setsockopt =
        Native.errnoSetting(
            "setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle fcntl =
        Native.variadic("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), 2);
    static final MethodHandle epoll_create1 = Native.errnoSetting("epoll_create1", INT_INT);
    static final MethodHandle epoll_ctl =
        Native.errnoSetting(
            "epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    static final MethodHandle epoll_wait =
        Native.errnoSetting(
            "epoll_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    static final MethodHandle poll =
        Native.errnoSetting("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    static final MethodHandle eventfd =
        Native.errnoSetting("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle write =
        Native.errnoSetting(
            "write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle read =
        Native.errnoSetting("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
  }

  /**
   * Returns the {@code errno} captured by the calling thread's most recent binding call.
   *
   * @return the error number
   */
  public static int errno() {
    return Native.errno();
  }

  /** {@code int socket(int domain, int type, int protocol);} */
  public static int socket(int domain, int type, int protocol) {
    try {
      return (int) H.socket.invokeExact(Native.captureSegment(), domain, type, protocol);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen);} */
  public static int bind(int sockfd, MemorySegment addr, int addrlen) {
    try {
      return (int) H.bind.invokeExact(Native.captureSegment(), sockfd, addr, addrlen);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code int listen(int sockfd, int backlog);} */
  public static int listen(int sockfd, int backlog) {
    try {
      return (int) H.listen.invokeExact(Native.captureSegment(), sockfd, backlog);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code int connect(int sockfd, const struct sockaddr *addr, socklen_t addrlen);} */
  public static int connect(int sockfd, MemorySegment addr, int addrlen) {
    try {
      return (int) H.connect.invokeExact(Native.captureSegment(), sockfd, addr, addrlen);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);}
   *
   * @param addr receives the peer's address, or {@link MemorySegment#NULL}
   * @param addrlen in: the size of {@code addr}; out: the address's length (a {@code socklen_t})
   */
  public static int accept4(int sockfd, MemorySegment addr, MemorySegment addrlen, int flags) {
    try {
      return (int) H.accept4.invokeExact(Native.captureSegment(), sockfd, addr, addrlen, flags);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code ssize_t recv(int sockfd, void *buf, size_t len, int flags);} with {@code flags}
   * including {@code MSG_DONTWAIT}; {@code buf} may be a heap segment.
   */
  public static long recv(int sockfd, MemorySegment buf, long len, int flags) {
    try {
      return (long) H.recv.invokeExact(Native.captureSegment(), sockfd, buf, len, flags);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code ssize_t send(int sockfd, const void *buf, size_t len, int flags);} with {@code flags}
   * including {@code MSG_DONTWAIT}; {@code buf} may be a heap segment.
   */
  public static long send(int sockfd, MemorySegment buf, long len, int flags) {
    try {
      return (long) H.send.invokeExact(Native.captureSegment(), sockfd, buf, len, flags);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code recv} that may block; {@code buf} must be native memory. */
  public static long recvBlocking(int sockfd, MemorySegment buf, long len, int flags) {
    try {
      return (long) H.recvBlocking.invokeExact(Native.captureSegment(), sockfd, buf, len, flags);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code send} that may block; {@code buf} must be native memory. */
  public static long sendBlocking(int sockfd, MemorySegment buf, long len, int flags) {
    try {
      return (long) H.sendBlocking.invokeExact(Native.captureSegment(), sockfd, buf, len, flags);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code int shutdown(int sockfd, int how);} */
  public static int shutdown(int sockfd, int how) {
    try {
      return (int) H.shutdown.invokeExact(Native.captureSegment(), sockfd, how);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code int close(int fd);} */
  public static int close(int fd) {
    try {
      return (int) H.close.invokeExact(Native.captureSegment(), fd);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code int getsockopt(int sockfd, int level, int optname, void *optval, socklen_t *optlen);}
   */
  public static int getsockopt(
      int sockfd, int level, int optname, MemorySegment optval, MemorySegment optlen) {
    try {
      return (int)
          H.getsockopt.invokeExact(Native.captureSegment(), sockfd, level, optname, optval, optlen);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code int setsockopt(int sockfd, int level, int optname, const void *optval, socklen_t
   * optlen);}
   */
  public static int setsockopt(
      int sockfd, int level, int optname, MemorySegment optval, int optlen) {
    try {
      return (int)
          H.setsockopt.invokeExact(Native.captureSegment(), sockfd, level, optname, optval, optlen);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code int fcntl(int fd, int cmd, ... /* int arg *}{@code /);} */
  public static int fcntl(int fd, int cmd, int arg) {
    try {
      return (int) H.fcntl.invokeExact(Native.captureSegment(), fd, cmd, arg);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code int epoll_create1(int flags);} */
  public static int epoll_create1(int flags) {
    try {
      return (int) H.epoll_create1.invokeExact(Native.captureSegment(), flags);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);} */
  public static int epoll_ctl(int epfd, int op, int fd, MemorySegment event) {
    try {
      return (int) H.epoll_ctl.invokeExact(Native.captureSegment(), epfd, op, fd, event);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout);} */
  public static int epoll_wait(int epfd, MemorySegment events, int maxevents, int timeout) {
    try {
      return (int)
          H.epoll_wait.invokeExact(Native.captureSegment(), epfd, events, maxevents, timeout);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout);} */
  public static int poll(MemorySegment fds, long nfds, int timeout) {
    try {
      return (int) H.poll.invokeExact(Native.captureSegment(), fds, nfds, timeout);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code int eventfd(unsigned int initval, int flags);} */
  public static int eventfd(int initval, int flags) {
    try {
      return (int) H.eventfd.invokeExact(Native.captureSegment(), initval, flags);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code ssize_t write(int fd, const void *buf, size_t count);} */
  public static long write(int fd, MemorySegment buf, long count) {
    try {
      return (long) H.write.invokeExact(Native.captureSegment(), fd, buf, count);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code ssize_t read(int fd, void *buf, size_t count);} */
  public static long read(int fd, MemorySegment buf, long count) {
    try {
      return (long) H.read.invokeExact(Native.captureSegment(), fd, buf, count);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }
}
