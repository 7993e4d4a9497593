package dev.npipe4j.internal.linux;

import dev.npipe4j.PeerCredentials;
import dev.npipe4j.internal.linux.libc.Errno;
import dev.npipe4j.internal.linux.libc.Libc;
import dev.npipe4j.internal.linux.libc.LibcLayouts;
import dev.npipe4j.internal.linux.libc.Macros;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The socket calls of opening, binding and accepting, each returning 0 or a descriptor on success
 * and {@code -errno} on failure, so callers translate failures in one place ({@link LinuxErrors}).
 */
final class Sockets {
  private Sockets() {}

  /** A new {@code AF_UNIX} socket of the type, non-blocking if asked, close-on-exec. */
  static int socket(int type, boolean nonBlocking) {
    int fd =
        Libc.socket(
            Macros.AF_UNIX,
            type | Macros.SOCK_CLOEXEC | (nonBlocking ? Macros.SOCK_NONBLOCK : 0),
            0);
    return fd >= 0 ? fd : -Libc.errno();
  }

  /** {@code connect(2)} to a socket address ({@link LibcLayouts#sockaddrUn} bytes). */
  static int connect(int fd, byte[] address) {
    {
      MemorySegment sa = LibcLayouts.sockaddrUn(Locals.get(), address);
      int r;
      do {
        r = Libc.connect(fd, sa, LibcLayouts.sockaddrLength(address));
      } while (r < 0 && Libc.errno() == Errno.EINTR);
      return r == 0 ? 0 : -Libc.errno();
    }
  }

  /** {@code bind(2)} to a socket address. */
  static int bind(int fd, byte[] address) {
    {
      MemorySegment sa = LibcLayouts.sockaddrUn(Locals.get(), address);
      return Libc.bind(fd, sa, LibcLayouts.sockaddrLength(address)) == 0 ? 0 : -Libc.errno();
    }
  }

  /** {@code listen(2)}. */
  static int listen(int fd, int backlog) {
    return Libc.listen(fd, backlog) == 0 ? 0 : -Libc.errno();
  }

  /** Clears {@code O_NONBLOCK}: the socket blocks, and non-blocking calls pass MSG_DONTWAIT. */
  static int makeBlocking(int fd) {
    // A fresh socket has no status flag but O_NONBLOCK set, so one F_SETFL clears it.
    return Libc.fcntl(fd, Macros.F_SETFL, 0) < 0 ? -Libc.errno() : 0;
  }

  /** An accepted connection and its peer's name (its address, without an abstract one's NUL). */
  record Accepted(int fd, String peerName) {}

  /**
   * {@code accept4(2)} on a non-blocking listener; the accepted socket blocks.
   *
   * @return the connection, or null with {@code errno} telling why (EAGAIN when none waits)
   */
  static @Nullable Accepted accept(int listener, Arena arena) {
    MemorySegment sa = arena.allocate(LibcLayouts.SOCKADDR_UN_BYTES);
    MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
    len.set(ValueLayout.JAVA_INT, 0, LibcLayouts.SOCKADDR_UN_BYTES);
    int fd;
    do {
      fd = Libc.accept4(listener, sa, len, Macros.SOCK_CLOEXEC);
    } while (fd < 0 && Libc.errno() == Errno.EINTR);
    if (fd < 0) {
      return null;
    }
    return new Accepted(fd, peerName(LibcLayouts.sunPath(sa, len.get(ValueLayout.JAVA_INT, 0))));
  }

  private static String peerName(byte[] peer) {
    int from = peer.length > 0 && peer[0] == 0 ? 1 : 0;
    return new String(peer, from, peer.length - from, StandardCharsets.UTF_8);
  }

  /**
   * The peer's credentials ({@code SO_PEERCRED}).
   *
   * @return the credentials, or null with {@code errno} telling why
   */
  static @Nullable PeerCredentials peerCredentials(int fd) {
    {
      MemorySegment cred = Locals.get().asSlice(0, LibcLayouts.UCRED_BYTES);
      MemorySegment len = Locals.get().asSlice(16, 4);
      len.set(ValueLayout.JAVA_INT, 0, LibcLayouts.UCRED_BYTES);
      if (Libc.getsockopt(fd, Macros.SOL_SOCKET, Macros.SO_PEERCRED, cred, len) < 0) {
        return null;
      }
      return new PeerCredentials(
          LibcLayouts.ucredPid(cred),
          OptionalLong.of(Integer.toUnsignedLong(LibcLayouts.ucredUid(cred))),
          OptionalLong.of(Integer.toUnsignedLong(LibcLayouts.ucredGid(cred))));
    }
  }

  /** An {@code int} option of level {@code SOL_SOCKET}, or {@code -errno}. */
  static int intOption(Fd fd, int option) {
    {
      MemorySegment v = Locals.get().asSlice(0, 4);
      MemorySegment len = Locals.get().asSlice(8, 4);
      len.set(ValueLayout.JAVA_INT, 0, 4);
      if (Libc.getsockopt(fd.value, Macros.SOL_SOCKET, option, v, len) < 0) {
        return -Libc.errno();
      }
      return v.get(ValueLayout.JAVA_INT, 0);
    }
  }

  /** Sets an {@code int} option of level {@code SOL_SOCKET}; returns 0 or {@code -errno}. */
  static int setIntOption(int fd, int option, int value) {
    {
      MemorySegment v = Locals.get().asSlice(0, 4);
      v.set(ValueLayout.JAVA_INT, 0, value);
      return Libc.setsockopt(fd, Macros.SOL_SOCKET, option, v, 4) == 0 ? 0 : -Libc.errno();
    }
  }

  /**
   * Gives a message-mode socket room for a whole packet of {@link Framing} and the buffer size the
   * pipe asked for, whichever is larger.
   */
  static void sizeForPackets(int fd, int bufferSize) {
    int want = Math.max(bufferSize, 2 * Framing.PACKET_BYTES);
    setIntOption(fd, Macros.SO_SNDBUF, want);
    setIntOption(fd, Macros.SO_RCVBUF, want);
  }
}
