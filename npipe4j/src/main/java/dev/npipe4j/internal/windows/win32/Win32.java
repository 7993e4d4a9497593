package dev.npipe4j.internal.windows.win32;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Win32 constants (names verbatim from the Windows SDK headers) and the small helpers every binding
 * caller needs: handle checks and UTF-16 wide strings.
 *
 * <p>DWORD values are Java {@code int}s: compare with {@code ==}, and use {@link
 * Integer#toUnsignedLong(int)} where the unsigned value matters.
 */
public final class Win32 {
  private Win32() {}

  // ---- Handles -------------------------------------------------------------------------------

  /** {@code NULL}. */
  public static final MemorySegment NULL = MemorySegment.NULL;

  /** {@code INVALID_HANDLE_VALUE}: {@code ((HANDLE)(LONG_PTR)-1)}. */
  public static final MemorySegment INVALID_HANDLE_VALUE = MemorySegment.ofAddress(-1L);

  /**
   * Returns whether a returned handle is {@code INVALID_HANDLE_VALUE} (the failure value of
   * CreateFileW and CreateNamedPipeW).
   */
  public static boolean isInvalidHandle(MemorySegment handle) {
    return handle.address() == -1L;
  }

  /** Returns whether a returned handle or pointer is {@code NULL}. */
  public static boolean isNull(MemorySegment pointer) {
    return pointer.address() == 0L;
  }

  // ---- Strings --------------------------------------------------------------------------------

  /** Allocates {@code s} in {@code arena} as a NUL-terminated UTF-16LE string (LPCWSTR). */
  public static MemorySegment wideString(Arena arena, String s) {
    return arena.allocateFrom(s, StandardCharsets.UTF_16LE);
  }

  /** Reads the NUL-terminated UTF-16LE string at the start of {@code segment}. */
  public static String wideStringAt(MemorySegment segment) {
    return segment.getString(0, StandardCharsets.UTF_16LE);
  }

  /**
   * Reads a NUL-terminated UTF-16LE string from a raw pointer returned by Windows (for example an
   * LPWSTR that LocalAlloc allocated), reading at most {@code maxChars} characters.
   */
  // reinterpret is restricted: the pointer comes from Windows, which guarantees the terminator.
  @SuppressWarnings("restricted")
  public static @Nullable String wideStringAtPointer(MemorySegment pointer, int maxChars) {
    if (isNull(pointer)) {
      return null;
    }
    MemorySegment s = pointer.reinterpret(2L * maxChars);
    int n = 0;
    while (n < maxChars && s.get(ValueLayout.JAVA_CHAR_UNALIGNED, 2L * n) != 0) {
      n++;
    }
    return new String(
        s.asSlice(0, 2L * n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_16LE);
  }

  // ---- Error codes (winerror.h) -----------------------------------------------------------------

  public static final int ERROR_SUCCESS = 0;
  public static final int ERROR_FILE_NOT_FOUND = 2;
  public static final int ERROR_PATH_NOT_FOUND = 3;
  public static final int ERROR_ACCESS_DENIED = 5;
  public static final int ERROR_INVALID_HANDLE = 6;
  public static final int ERROR_NO_MORE_FILES = 18;
  public static final int ERROR_HANDLE_EOF = 38;
  public static final int ERROR_NOT_SUPPORTED = 50;
  public static final int ERROR_BAD_DEV_TYPE = 66;
  public static final int ERROR_INVALID_PARAMETER = 87;
  public static final int ERROR_BROKEN_PIPE = 109;
  public static final int ERROR_SEM_TIMEOUT = 121;
  public static final int ERROR_INSUFFICIENT_BUFFER = 122;
  public static final int ERROR_INVALID_NAME = 123;
  public static final int ERROR_BAD_PATHNAME = 161;
  public static final int ERROR_PIPE_BUSY = 231;
  public static final int ERROR_NO_DATA = 232;
  public static final int ERROR_PIPE_NOT_CONNECTED = 233;
  public static final int ERROR_MORE_DATA = 234;
  public static final int WAIT_TIMEOUT = 258;
  public static final int ERROR_PIPE_CONNECTED = 535;
  public static final int ERROR_PIPE_LISTENING = 536;
  public static final int ERROR_ABANDONED_WAIT_0 = 735;
  public static final int ERROR_OPERATION_ABORTED = 995;
  public static final int ERROR_IO_INCOMPLETE = 996;
  public static final int ERROR_IO_PENDING = 997;
  public static final int ERROR_NOT_FOUND = 1168;
  public static final int ERROR_PRIVILEGE_NOT_HELD = 1314;
  public static final int ERROR_CANNOT_IMPERSONATE = 1368;

  /** {@code STATUS_PENDING}: the NTSTATUS in OVERLAPPED.Internal while an operation is pending. */
  public static final int STATUS_PENDING = 0x103;

  /** {@code INFINITE} timeout (0xFFFFFFFF). */
  public static final int INFINITE = 0xFFFFFFFF;

  // ---- CreateNamedPipeW dwOpenMode ------------------------------------------------------------

  public static final int PIPE_ACCESS_INBOUND = 0x00000001;
  public static final int PIPE_ACCESS_OUTBOUND = 0x00000002;
  public static final int PIPE_ACCESS_DUPLEX = 0x00000003;
  public static final int FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000;
  public static final int FILE_FLAG_OVERLAPPED = 0x40000000;
  public static final int WRITE_DAC = 0x00040000;
  public static final int WRITE_OWNER = 0x00080000;
  public static final int ACCESS_SYSTEM_SECURITY = 0x01000000;

  // ---- CreateNamedPipeW dwPipeMode, SetNamedPipeHandleState lpMode ----------------------------

  public static final int PIPE_TYPE_BYTE = 0x00000000;
  public static final int PIPE_TYPE_MESSAGE = 0x00000004;
  public static final int PIPE_READMODE_BYTE = 0x00000000;
  public static final int PIPE_READMODE_MESSAGE = 0x00000002;
  public static final int PIPE_WAIT = 0x00000000;
  public static final int PIPE_REJECT_REMOTE_CLIENTS = 0x00000008;

  // ---- GetNamedPipeInfo lpFlags ---------------------------------------------------------------

  public static final int PIPE_CLIENT_END = 0x00000000;
  public static final int PIPE_SERVER_END = 0x00000001;

  // ---- CreateFileW ----------------------------------------------------------------------------

  public static final int GENERIC_READ = 0x80000000;
  public static final int GENERIC_WRITE = 0x40000000;
  public static final int FILE_WRITE_ATTRIBUTES = 0x00000100;
  public static final int OPEN_EXISTING = 3;
  public static final int SECURITY_SQOS_PRESENT = 0x00100000;
  public static final int SECURITY_ANONYMOUS = 0x00000000;
  public static final int SECURITY_IDENTIFICATION = 0x00010000;
  public static final int SECURITY_IMPERSONATION = 0x00020000;
  public static final int SECURITY_DELEGATION = 0x00030000;
  public static final int SECURITY_CONTEXT_TRACKING = 0x00040000;
  public static final int SECURITY_EFFECTIVE_ONLY = 0x00080000;

  // ---- SetFileCompletionNotificationModes Flags (UCHAR) ---------------------------------------

  public static final byte FILE_SKIP_COMPLETION_PORT_ON_SUCCESS = 0x1;

  // ---- FormatMessageW dwFlags -----------------------------------------------------------------

  public static final int FORMAT_MESSAGE_ALLOCATE_BUFFER = 0x00000100;
  public static final int FORMAT_MESSAGE_IGNORE_INSERTS = 0x00000200;
  public static final int FORMAT_MESSAGE_FROM_SYSTEM = 0x00001000;

  // ---- Security (sddl.h, accctrl.h, winnt.h) --------------------------------------------------

  public static final int SDDL_REVISION_1 = 1;

  public static final int TOKEN_QUERY = 0x0008;

  /** {@code TOKEN_INFORMATION_CLASS} value: the token's user (a TOKEN_USER). */
  public static final int TokenUser = 1;

  // ---- Impersonation and peer processes (winnt.h, processthreadsapi.h) ------------------------

  public static final int TOKEN_IMPERSONATE = 0x0004;

  /** {@code TOKEN_INFORMATION_CLASS} value: a SECURITY_IMPERSONATION_LEVEL (DWORD). */
  public static final int TokenImpersonationLevel = 9;

  /** {@code SECURITY_IMPERSONATION_LEVEL} values. */
  public static final int SecurityAnonymous = 0;

  public static final int SecurityIdentification = 1;
  public static final int SecurityImpersonation = 2;
  public static final int SecurityDelegation = 3;

  public static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;

  public static final int ERROR_NO_TOKEN = 1008;
  public static final int ERROR_NONE_MAPPED = 1332;
  public static final int ERROR_BAD_IMPERSONATION_LEVEL = 1346;
  public static final int ERROR_CANT_OPEN_ANONYMOUS = 1347;

  /** The longest user or domain name LookupAccountSidW gives, in characters (UNLEN, DNLEN + 1). */
  public static final int UNLEN = 256;
}
