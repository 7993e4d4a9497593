package dev.npipe4j.internal.windows.win32;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Win32 scalar typedefs and struct layouts for x64 Windows, with a {@link VarHandle} taking just
 * the struct's segment ({@code (MemorySegment)} coordinates, offset 0) or a byte offset for each
 * field the backend reads or writes.
 *
 * <p>For an element of an array (for example the OVERLAPPED_ENTRY array filled by
 * GetQueuedCompletionStatusEx), slice it first ({@code entries.asSlice(i * size, size)} with {@code
 * size = OVERLAPPED_ENTRY.byteSize()}).
 */
public final class Win32Layouts {
  private Win32Layouts() {}

  // ---- Scalar typedefs ------------------------------------------------------------------------

  /** {@code typedef int BOOL;} */
  public static final ValueLayout.OfInt BOOL = ValueLayout.JAVA_INT;

  /** {@code typedef unsigned long DWORD;} (32 bits on Windows; unsigned in C) */
  public static final ValueLayout.OfInt DWORD = ValueLayout.JAVA_INT;

  /** {@code typedef unsigned long ULONG;} */
  public static final ValueLayout.OfInt ULONG = ValueLayout.JAVA_INT;

  /** {@code typedef unsigned char UCHAR;} */
  public static final ValueLayout.OfByte UCHAR = ValueLayout.JAVA_BYTE;

  /** {@code typedef unsigned __int64 ULONG_PTR;} (x64) */
  public static final ValueLayout.OfLong ULONG_PTR = ValueLayout.JAVA_LONG;

  /** {@code typedef void *HANDLE;} (also HMODULE, HLOCAL, PSID, PACL, PSECURITY_DESCRIPTOR) */
  public static final AddressLayout HANDLE = ValueLayout.ADDRESS;

  /** {@code typedef void *LPVOID;} and every other pointer type (LPCWSTR, LPDWORD, ...). */
  public static final AddressLayout POINTER = ValueLayout.ADDRESS;

  // ---- OVERLAPPED -----------------------------------------------------------------------------

  /**
   * {@code typedef struct _OVERLAPPED { ULONG_PTR Internal; ULONG_PTR InternalHigh; union { struct
   * { DWORD Offset; DWORD OffsetHigh; }; PVOID Pointer; }; HANDLE hEvent; } OVERLAPPED;} (32
   * bytes). The union is laid out as its Offset/OffsetHigh struct. Internal holds the NTSTATUS and
   * InternalHigh the byte count once the operation is complete.
   */
  public static final StructLayout OVERLAPPED =
      MemoryLayout.structLayout(
              ULONG_PTR.withName("Internal"),
              ULONG_PTR.withName("InternalHigh"),
              DWORD.withName("Offset"),
              DWORD.withName("OffsetHigh"),
              HANDLE.withName("hEvent"))
          .withName("OVERLAPPED");

  /** {@code long} Internal (an NTSTATUS, {@code STATUS_PENDING} while pending). */
  public static final VarHandle VH_OVERLAPPED_Internal = handle(OVERLAPPED, "Internal");

  /** {@code long} InternalHigh (the bytes transferred). */
  public static final VarHandle VH_OVERLAPPED_InternalHigh = handle(OVERLAPPED, "InternalHigh");

  /** {@code MemorySegment} hEvent (an event handle, its low bit set to keep the packet away). */
  public static final VarHandle VH_OVERLAPPED_hEvent = handle(OVERLAPPED, "hEvent");

  // ---- OVERLAPPED_ENTRY -----------------------------------------------------------------------

  /**
   * {@code typedef struct _OVERLAPPED_ENTRY { ULONG_PTR lpCompletionKey; LPOVERLAPPED lpOverlapped;
   * ULONG_PTR Internal; DWORD dwNumberOfBytesTransferred; } OVERLAPPED_ENTRY;} (32 bytes with the
   * trailing padding). Under Wine the upper 32 bits of Internal can be garbage
   * (WineDivergence.ENTRY_INTERNAL_GARBAGE in the tests): read the status from the OVERLAPPED
   * instead.
   */
  public static final StructLayout OVERLAPPED_ENTRY =
      MemoryLayout.structLayout(
              ULONG_PTR.withName("lpCompletionKey"),
              POINTER.withName("lpOverlapped"),
              ULONG_PTR.withName("Internal"),
              DWORD.withName("dwNumberOfBytesTransferred"),
              MemoryLayout.paddingLayout(4))
          .withName("OVERLAPPED_ENTRY");

  /** {@code long} lpCompletionKey. */
  public static final VarHandle VH_OVERLAPPED_ENTRY_lpCompletionKey =
      handle(OVERLAPPED_ENTRY, "lpCompletionKey");

  /** {@code MemorySegment} lpOverlapped (zero length: compare its {@code address()}). */
  public static final VarHandle VH_OVERLAPPED_ENTRY_lpOverlapped =
      handle(OVERLAPPED_ENTRY, "lpOverlapped");

  /** {@code int} dwNumberOfBytesTransferred. */
  public static final VarHandle VH_OVERLAPPED_ENTRY_dwNumberOfBytesTransferred =
      handle(OVERLAPPED_ENTRY, "dwNumberOfBytesTransferred");

  // ---- SECURITY_ATTRIBUTES --------------------------------------------------------------------

  /**
   * {@code typedef struct _SECURITY_ATTRIBUTES { DWORD nLength; LPVOID lpSecurityDescriptor; BOOL
   * bInheritHandle; } SECURITY_ATTRIBUTES;} (24 bytes with padding after nLength and at the end).
   */
  public static final StructLayout SECURITY_ATTRIBUTES =
      MemoryLayout.structLayout(
              DWORD.withName("nLength"),
              MemoryLayout.paddingLayout(4),
              POINTER.withName("lpSecurityDescriptor"),
              BOOL.withName("bInheritHandle"),
              MemoryLayout.paddingLayout(4))
          .withName("SECURITY_ATTRIBUTES");

  public static final long SECURITY_ATTRIBUTES_SIZE = SECURITY_ATTRIBUTES.byteSize();

  /** {@code int} nLength. */
  public static final VarHandle VH_SECURITY_ATTRIBUTES_nLength =
      handle(SECURITY_ATTRIBUTES, "nLength");

  /** {@code MemorySegment} lpSecurityDescriptor. */
  public static final VarHandle VH_SECURITY_ATTRIBUTES_lpSecurityDescriptor =
      handle(SECURITY_ATTRIBUTES, "lpSecurityDescriptor");

  /** {@code int} bInheritHandle. */
  public static final VarHandle VH_SECURITY_ATTRIBUTES_bInheritHandle =
      handle(SECURITY_ATTRIBUTES, "bInheritHandle");

  // ---- TOKEN_USER -----------------------------------------------------------------------------

  /**
   * {@code typedef struct _TOKEN_USER { SID_AND_ATTRIBUTES User; } TOKEN_USER;} with {@code typedef
   * struct _SID_AND_ATTRIBUTES { PSID Sid; DWORD Attributes; } SID_AND_ATTRIBUTES;} (16 bytes).
   * GetTokenInformation(TokenUser) writes it followed by the SID it points to.
   */
  public static final StructLayout TOKEN_USER =
      MemoryLayout.structLayout(
              POINTER.withName("Sid"), DWORD.withName("Attributes"), MemoryLayout.paddingLayout(4))
          .withName("TOKEN_USER");

  public static final long TOKEN_USER_Sid = offset(TOKEN_USER, "Sid");

  private static long offset(StructLayout layout, String field) {
    return layout.byteOffset(groupElement(field));
  }

  private static VarHandle handle(StructLayout layout, String field) {
    return MethodHandles.insertCoordinates(layout.varHandle(groupElement(field)), 1, 0L);
  }
}
