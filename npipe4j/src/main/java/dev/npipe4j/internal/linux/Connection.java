package dev.npipe4j.internal.linux;

import static dev.npipe4j.internal.linux.libc.Macros.EPOLLERR;
import static dev.npipe4j.internal.linux.libc.Macros.EPOLLHUP;
import static dev.npipe4j.internal.linux.libc.Macros.EPOLLIN;
import static dev.npipe4j.internal.linux.libc.Macros.EPOLLONESHOT;
import static dev.npipe4j.internal.linux.libc.Macros.EPOLLOUT;
import static dev.npipe4j.internal.linux.libc.Macros.EPOLLRDHUP;
import static dev.npipe4j.internal.linux.libc.Macros.MSG_DONTWAIT;
import static dev.npipe4j.internal.linux.libc.Macros.MSG_NOSIGNAL;

import dev.npipe4j.PeerCredentials;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.linux.LinuxErrors.Step;
import dev.npipe4j.internal.linux.libc.Errno;
import dev.npipe4j.internal.linux.libc.Libc;
import dev.npipe4j.internal.linux.libc.LibcLayouts;
import dev.npipe4j.internal.linux.libc.Macros;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import org.jspecify.annotations.Nullable;

/**
 * One connected socket of an endpoint: non-blocking transfers, the blocking ones of platform
 * threads, and the epoll arming that drives the readiness of everyone else.
 *
 * <p>The socket itself is in blocking mode. Non-blocking attempts pass {@code MSG_DONTWAIT} and go
 * straight between the socket and the caller's buffer, heap or direct, with no copy. A platform
 * thread that has to wait does so in the kernel, on its own thread: {@link #readBlocking} is one
 * {@code recv}, {@link #park} one {@code poll}. Virtual threads and futures wait on the endpoint's
 * {@link Readiness}; while any of them waits, the socket is armed in the {@link EpollDriver} with
 * {@code EPOLLONESHOT} for their interests, and each event re-arms what is still awaited. So a
 * connection whose users block on platform threads never wakes the driver thread.
 *
 * <p>In message mode the packets carry {@link Framing}; byte mode sends the bytes as they are.
 */
final class Connection implements EpollDriver.Handler {
  private static final System.Logger LOG = System.getLogger(Connection.class.getName());

  private static final int ALL_BITS =
      Readiness.READABLE | Readiness.WRITABLE | Readiness.READ_CLOSED | Readiness.WRITE_CLOSED;

  final Fd fd;
  final String pipe;
  private final boolean isPipeName;
  private final EpollDriver driver;
  private final Readiness readiness;

  /** Message framing, or null in byte mode. */
  final @Nullable Framing framing;

  /** Serializes the computation and the {@code epoll_ctl} of each arming. */
  private final Object armLock = new Object();

  /**
   * The epoll registration's token, 0 until the first arming: a socket used by platform threads
   * only never enters the epoll set. Guarded by armLock.
   */
  private long token;

  private Connection(
      Fd fd, String pipe, boolean isPipeName, Readiness readiness, Framing.@Nullable Mode mode) {
    this.fd = fd;
    this.pipe = pipe;
    this.isPipeName = isPipeName;
    this.driver = EpollDriver.shared();
    this.readiness = readiness;
    this.framing = mode == null ? null : new Framing(this, mode);
  }

  /**
   * Starts using a connected socket. The endpoint becomes writable, and whoever waits already is
   * armed for.
   *
   * @param mode the message framing, or null for byte mode
   */
  static Connection attach(
      Fd fd, String pipe, boolean isPipeName, Readiness readiness, Framing.@Nullable Mode mode) {
    Connection c = new Connection(fd, pipe, isPipeName, readiness, mode);
    readiness.set(Readiness.WRITABLE);
    c.arm();
    return c;
  }

  /** Arms the socket for what is awaited now; called whenever a party starts to wait. */
  void arm() {
    synchronized (armLock) {
      int want = readiness.awaited();
      if (framing != null && framing.hasTail()) {
        want |= Readiness.WRITABLE;
      }
      if (want == 0) {
        return;
      }
      int events =
          EPOLLONESHOT
              | EPOLLRDHUP
              | ((want & Readiness.READABLE) != 0 ? EPOLLIN : 0)
              | ((want & Readiness.WRITABLE) != 0 ? EPOLLOUT : 0);
      if (token != 0) {
        driver.modify(fd, events, token);
      } else if (fd.acquire()) {
        try {
          token = driver.register(fd, events, this);
        } catch (IOException e) {
          // Out of memory for epoll: the waiter is woken by the close or a later arming.
          LOG.log(System.Logger.Level.ERROR, "cannot watch " + pipe, e);
        } finally {
          fd.release();
        }
      }
    }
  }

  @Override
  public void onEvents(int events) {
    int bits = 0;
    if ((events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0) {
      bits |= Readiness.READABLE;
    }
    if ((events & (EPOLLOUT | EPOLLHUP | EPOLLERR)) != 0) {
      bits |= Readiness.WRITABLE;
      if (framing != null && !framing.flushTail()) {
        bits &= ~Readiness.WRITABLE; // the queued message still has packets to go
      }
    }
    readiness.set(bits);
    arm();
  }

  // ---------------------------------------------------------------- byte transfers

  /** Reads without blocking: bytes read, 0 if it would block, -1 at end of stream. */
  int read(ByteBuffer dst) throws IOException {
    if (framing != null) {
      return framing.read(dst);
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    long seen = readiness.version();
    long n = recv(dst);
    if (n == WOULD_BLOCK) {
      readiness.clear(Readiness.READABLE, seen);
      return 0;
    }
    return (int) n;
  }

  /** Writes without blocking: bytes accepted, or 0 if it would block. */
  int write(ByteBuffer src) throws IOException {
    if (writeClosed) {
      throw new ClosedChannelException(); // after closeWrite(), as a SocketChannel after shutdown
    }
    if (framing != null) {
      return framing.write(src);
    }
    if (!src.hasRemaining()) {
      return 0;
    }
    long seen = readiness.version();
    long n = send(src);
    if (n == WOULD_BLOCK) {
      readiness.clear(Readiness.WRITABLE, seen);
      return 0;
    }
    return (int) n;
  }

  /** What {@link #recv} and {@link #send} return when the socket has no room or no data. */
  static final long WOULD_BLOCK = -2;

  /**
   * One {@code recv(MSG_DONTWAIT)} into the buffer's remaining bytes.
   *
   * @return bytes read (the buffer advanced), -1 at end of stream, or {@link #WOULD_BLOCK}
   */
  long recv(ByteBuffer dst) throws IOException {
    acquire();
    try {
      long n;
      do {
        n = Libc.recv(fd.value, MemorySegment.ofBuffer(dst), dst.remaining(), MSG_DONTWAIT);
      } while (n < 0 && Libc.errno() == Errno.EINTR);
      return received(dst, n);
    } finally {
      fd.release();
    }
  }

  /**
   * One {@code send(MSG_DONTWAIT)} of the buffer's remaining bytes.
   *
   * @return bytes sent (the buffer advanced), or {@link #WOULD_BLOCK}
   */
  long send(ByteBuffer src) throws IOException {
    acquire();
    try {
      long n;
      MemorySegment from =
          src.isReadOnly() && !src.isDirect()
              ? MemorySegment.ofArray(copyOf(src))
              : MemorySegment.ofBuffer(src);
      do {
        n = Libc.send(fd.value, from, src.remaining(), MSG_DONTWAIT | MSG_NOSIGNAL);
      } while (n < 0 && Libc.errno() == Errno.EINTR);
      if (n < 0) {
        int errno = Libc.errno();
        if (errno == Errno.EAGAIN) {
          return WOULD_BLOCK;
        }
        throw failure("send", errno);
      }
      src.position(src.position() + (int) n);
      return n;
    } finally {
      fd.release();
    }
  }

  /**
   * Reads at least one byte, blocking the calling platform thread in {@code recv}. Byte mode only.
   *
   * @return bytes read, or -1 at end of stream
   */
  int readBlocking(ByteBuffer dst) throws IOException {
    acquire();
    try {
      long n;
      if (dst.isDirect()) {
        do {
          n = Libc.recvBlocking(fd.value, MemorySegment.ofBuffer(dst), dst.remaining(), 0);
        } while (n < 0 && Libc.errno() == Errno.EINTR);
        return (int) received(dst, n);
      }
      MemorySegment scratch = Scratch.take();
      try {
        do {
          n = Libc.recvBlocking(fd.value, scratch, Math.min(dst.remaining(), Scratch.BYTES), 0);
        } while (n < 0 && Libc.errno() == Errno.EINTR);
        if (n > 0) {
          MemorySegment.ofBuffer(dst).copyFrom(scratch.asSlice(0, n));
        }
        return (int) received(dst, n);
      } finally {
        Scratch.give(scratch);
      }
    } finally {
      fd.release();
    }
  }

  /**
   * Waits in {@code poll} on the calling platform thread until the socket is ready for the
   * interest, closes, or the deadline passes.
   *
   * @return false on timeout
   */
  boolean park(int interest, long deadlineNanos) throws IOException {
    acquire();
    try {
      MemorySegment p = Locals.get();
      short events =
          (short)
              (((interest & Readiness.READABLE) != 0 ? Macros.POLLIN : 0)
                  | ((interest & Readiness.WRITABLE) != 0 ? Macros.POLLOUT : 0));
      while (true) {
        int timeout = -1;
        if (deadlineNanos != Long.MAX_VALUE) {
          long left = deadlineNanos - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          timeout = (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
        }
        LibcLayouts.pollfd(p, fd.value, events);
        int n = Libc.poll(p, 1, timeout);
        if (n > 0) {
          return true;
        }
        if (n < 0 && Libc.errno() != Errno.EINTR) {
          throw failure("poll", Libc.errno());
        }
      }
    } finally {
      fd.release();
    }
  }

  private long received(ByteBuffer dst, long n) throws IOException {
    if (n > 0) {
      dst.position(dst.position() + (int) n);
      return n;
    }
    if (n == 0) {
      if (fd.isClosed()) {
        throw new AsynchronousCloseException();
      }
      return -1;
    }
    int errno = Libc.errno();
    return switch (errno) {
      case Errno.EAGAIN -> WOULD_BLOCK;
      case Errno.ECONNRESET -> -1; // a reset reads as end of stream, as a broken pipe does
      default -> throw failure("recv", errno);
    };
  }

  // ---------------------------------------------------------------- the socket as a whole

  /** True once {@link #closeWrite()} has run. */
  private volatile boolean writeClosed;

  /**
   * Shuts the sending direction down: the peer reads end of stream after the bytes sent, a message
   * still queued included. Idempotent; later writes fail with {@link ClosedChannelException}.
   */
  void closeWrite() throws IOException {
    if (writeClosed) {
      return;
    }
    writeClosed = true;
    if (framing == null || !framing.shutdownAfterTail()) {
      shutdownWrite();
    }
    readiness.set(Readiness.WRITE_CLOSED); // waiting writers wake and fail
  }

  /** {@code shutdown(SHUT_WR)} now. */
  void shutdownWrite() throws IOException {
    acquire();
    try {
      if (Libc.shutdown(fd.value, Macros.SHUT_WR) < 0) {
        throw failure("shutdown", Libc.errno());
      }
    } finally {
      fd.release();
    }
  }

  /**
   * The peer's process, user and group ({@code SO_PEERCRED}), and the user's name. The kernel
   * records them when the connection is made, so they are asked once and kept.
   */
  PeerCredentials peerCredentials() throws IOException {
    PeerCredentials known = credentials;
    if (known != null) {
      return known;
    }
    PeerCredentials c;
    acquire();
    try {
      c = Sockets.peerCredentials(fd.value);
      if (c == null) {
        throw failure("getsockopt(SO_PEERCRED)", Libc.errno());
      }
    } finally {
      fd.release();
    }
    PeerCredentials named = LinuxIdentity.named(c);
    credentials = named;
    return named;
  }

  /** What {@link #peerCredentials()} found, or null before its first call. */
  private volatile @Nullable PeerCredentials credentials;

  /** An {@code int} socket option of level {@code SOL_SOCKET}. */
  int intOption(int option) throws IOException {
    acquire();
    try {
      return Sockets.intOption(fd, option);
    } finally {
      fd.release();
    }
  }

  /**
   * Stops using the socket and closes it, forgetting every readiness bit so nothing of it reaches
   * the next connection. In message mode a message still queued is sent first unless {@code
   * discard}, then the socket closes.
   */
  void close(boolean discard) {
    readiness.clear(ALL_BITS);
    if (framing != null && !discard && framing.closeAfterTail()) {
      return; // the driver closes once the queued packets are out
    }
    closeNow();
  }

  /** Ends the connection now; also called by {@link Framing} once a queued message is out. */
  void closeNow() {
    synchronized (armLock) {
      if (token != 0) {
        driver.forget(token);
      }
    }
    fd.close();
  }

  void acquire() throws IOException {
    if (!fd.acquire()) {
      throw readiness.isClosed() ? new ClosedChannelException() : new AsynchronousCloseException();
    }
  }

  IOException failure(String call, int errno) {
    return LinuxErrors.translate(Step.TRANSFER, pipe, isPipeName, call + " on " + pipe, errno);
  }

  Readiness readiness() {
    return readiness;
  }

  private static byte[] copyOf(ByteBuffer src) {
    byte[] b = new byte[src.remaining()];
    src.duplicate().get(b);
    return b;
  }
}
