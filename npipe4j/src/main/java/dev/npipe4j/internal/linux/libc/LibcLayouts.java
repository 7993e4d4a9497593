package dev.npipe4j.internal.linux.libc;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The C structures the bindings exchange, as offsets into plain segments.
 *
 * <ul>
 *   <li>{@code struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; }}: 110 bytes.
 *   <li>{@code struct ucred { pid_t pid; uid_t uid; gid_t gid; }}: 12 bytes.
 *   <li>{@code struct pollfd { int fd; short events; short revents; }}: 8 bytes.
 *   <li>{@code struct epoll_event { uint32_t events; epoll_data_t data; }}: packed, 12 bytes, on
 *       x86-64; 16 bytes with {@code data} at offset 8 on AArch64.
 * </ul>
 */
public final class LibcLayouts {
  private LibcLayouts() {}

  /** The architectures whose layouts this class knows. */
  public static final boolean SUPPORTED_ARCH;

  private static final boolean X86_64;

  static {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    X86_64 = arch.equals("amd64") || arch.equals("x86_64");
    SUPPORTED_ARCH = X86_64 || arch.equals("aarch64");
  }

  public static final int SOCKADDR_UN_BYTES = 110;
  public static final int SUN_PATH_OFFSET = 2;
  public static final int SUN_PATH_BYTES = 108;

  public static final int UCRED_BYTES = 12;
  public static final int POLLFD_BYTES = 8;

  public static final int EPOLL_EVENT_BYTES = X86_64 ? 12 : 16;
  private static final long EPOLL_DATA_OFFSET = X86_64 ? 4 : 8;

  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
  private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;

  /**
   * Writes a {@code sockaddr_un} for a path, or for an abstract name when {@code name} starts with
   * a NUL byte, at the start of {@code into}.
   *
   * @return the address; its length for the calls is {@link #sockaddrLength}
   * @throws IllegalArgumentException if the name does not fit {@code sun_path}
   */
  public static MemorySegment sockaddrUn(MemorySegment into, byte[] name) {
    boolean isAbstract = name.length > 0 && name[0] == 0;
    if (name.length > (isAbstract ? SUN_PATH_BYTES : SUN_PATH_BYTES - 1)) {
      throw new IllegalArgumentException(
          "a socket address of " + name.length + " bytes does not fit sun_path");
    }
    MemorySegment sa = into.asSlice(0, SOCKADDR_UN_BYTES);
    sa.set(SHORT, 0, (short) Macros.AF_UNIX);
    MemorySegment.copy(name, 0, sa, ValueLayout.JAVA_BYTE, SUN_PATH_OFFSET, name.length);
    if (!isAbstract) {
      sa.set(ValueLayout.JAVA_BYTE, SUN_PATH_OFFSET + name.length, (byte) 0);
    }
    return sa;
  }

  /** The {@code addrlen} to pass with an address made by {@link #sockaddrUn} from {@code name}. */
  public static int sockaddrLength(byte[] name) {
    boolean isAbstract = name.length > 0 && name[0] == 0;
    return SUN_PATH_OFFSET + name.length + (isAbstract ? 0 : 1);
  }

  /** The bytes of a path name for {@link #sockaddrUn}. */
  public static byte[] pathBytes(String path) {
    return path.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The name inside an address returned by {@code accept4}: empty for an unbound peer, starting
   * with NUL for an abstract one.
   */
  public static byte[] sunPath(MemorySegment sa, int addrlen) {
    int n = Math.max(0, Math.min(addrlen - SUN_PATH_OFFSET, SUN_PATH_BYTES));
    byte[] b = sa.asSlice(SUN_PATH_OFFSET, n).toArray(ValueLayout.JAVA_BYTE);
    if (n > 0 && b[0] != 0) {
      int end = 0;
      while (end < n && b[end] != 0) end++;
      if (end < n) {
        return java.util.Arrays.copyOf(b, end);
      }
    }
    return b;
  }

  /** {@code ucred.pid}. */
  public static int ucredPid(MemorySegment ucred) {
    return ucred.get(INT, 0);
  }

  /** {@code ucred.uid}. */
  public static int ucredUid(MemorySegment ucred) {
    return ucred.get(INT, 4);
  }

  /** {@code ucred.gid}. */
  public static int ucredGid(MemorySegment ucred) {
    return ucred.get(INT, 8);
  }

  /** Fills one {@code pollfd}. */
  public static void pollfd(MemorySegment p, int fd, short events) {
    p.set(INT, 0, fd);
    p.set(SHORT, 4, events);
    p.set(SHORT, 6, (short) 0);
  }

  /** {@code pollfd.revents}. */
  public static short pollRevents(MemorySegment p) {
    return p.get(SHORT, 6);
  }

  /** Fills the {@code index}th {@code epoll_event} of an array. */
  public static void epollEvent(MemorySegment events, int index, int mask, long data) {
    long base = (long) index * EPOLL_EVENT_BYTES;
    events.set(INT, base, mask);
    events.set(LONG, base + EPOLL_DATA_OFFSET, data);
  }

  /** {@code events[index].events}. */
  public static int epollEvents(MemorySegment events, int index) {
    return events.get(INT, (long) index * EPOLL_EVENT_BYTES);
  }

  /** {@code events[index].data.u64}. */
  public static long epollData(MemorySegment events, int index) {
    return events.get(LONG, (long) index * EPOLL_EVENT_BYTES + EPOLL_DATA_OFFSET);
  }
}
