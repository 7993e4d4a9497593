package dev.npipe4j.internal.windows.win32;

import static dev.npipe4j.internal.windows.win32.Win32Layouts.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The x64 struct layouts match the Windows SDK headers. Pure Java: runs on every OS. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Win32LayoutsTest {

  @Test
  void scalarTypedefs() {
    assertEquals(4, BOOL.byteSize());
    assertEquals(4, DWORD.byteSize());
    assertEquals(4, ULONG.byteSize());
    assertEquals(1, UCHAR.byteSize());
    assertEquals(8, ULONG_PTR.byteSize());
    assertEquals(8, HANDLE.byteSize());
    assertEquals(8, POINTER.byteSize());
  }

  private static long offset(StructLayout layout, String field) {
    return layout.byteOffset(MemoryLayout.PathElement.groupElement(field));
  }

  @Test
  void overlapped() {
    assertEquals(32, OVERLAPPED.byteSize());
    assertEquals(8, OVERLAPPED.byteAlignment());
    assertEquals(0, offset(OVERLAPPED, "Internal"));
    assertEquals(8, offset(OVERLAPPED, "InternalHigh"));
    assertEquals(16, offset(OVERLAPPED, "Offset"));
    assertEquals(20, offset(OVERLAPPED, "OffsetHigh"));
    assertEquals(24, offset(OVERLAPPED, "hEvent"));
  }

  @Test
  void overlappedEntry() {
    assertEquals(32, OVERLAPPED_ENTRY.byteSize());
    assertEquals(0, offset(OVERLAPPED_ENTRY, "lpCompletionKey"));
    assertEquals(8, offset(OVERLAPPED_ENTRY, "lpOverlapped"));
    assertEquals(16, offset(OVERLAPPED_ENTRY, "Internal"));
    assertEquals(24, offset(OVERLAPPED_ENTRY, "dwNumberOfBytesTransferred"));
  }

  @Test
  void securityAttributes() {
    assertEquals(24, SECURITY_ATTRIBUTES.byteSize());
    assertEquals(24, SECURITY_ATTRIBUTES_SIZE);
    assertEquals(0, offset(SECURITY_ATTRIBUTES, "nLength"));
    assertEquals(8, offset(SECURITY_ATTRIBUTES, "lpSecurityDescriptor"));
    assertEquals(16, offset(SECURITY_ATTRIBUTES, "bInheritHandle"));
  }

  @Test
  void tokenUser() {
    assertEquals(16, TOKEN_USER.byteSize());
    assertEquals(0, TOKEN_USER_Sid);
    assertEquals(8, offset(TOKEN_USER, "Attributes"));
  }

  @Test
  void varHandlesAddressTheDocumentedOffsets() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment entries = arena.allocate(OVERLAPPED_ENTRY, 2);
      MemorySegment second =
          entries.asSlice(OVERLAPPED_ENTRY.byteSize(), OVERLAPPED_ENTRY.byteSize());
      VH_OVERLAPPED_ENTRY_lpCompletionKey.set(second, 0x1122334455667788L);
      VH_OVERLAPPED_ENTRY_dwNumberOfBytesTransferred.set(second, 4096);
      VH_OVERLAPPED_ENTRY_lpOverlapped.set(second, MemorySegment.ofAddress(0xABCDEF0L));
      assertEquals(0x1122334455667788L, entries.get(ULONG_PTR, 32 + 0));
      assertEquals(0xABCDEF0L, entries.get(POINTER, 32 + 8).address());
      assertEquals(4096, entries.get(DWORD, 32 + 24));

      MemorySegment ov = arena.allocate(OVERLAPPED);
      VH_OVERLAPPED_Internal.set(ov, (long) Win32.STATUS_PENDING);
      VH_OVERLAPPED_InternalHigh.set(ov, 7L);
      assertEquals(Win32.STATUS_PENDING, ov.get(ULONG_PTR, 0));
      assertEquals(7L, ov.get(ULONG_PTR, 8));

      MemorySegment sa = arena.allocate(SECURITY_ATTRIBUTES);
      VH_SECURITY_ATTRIBUTES_nLength.set(sa, (int) SECURITY_ATTRIBUTES_SIZE);
      VH_SECURITY_ATTRIBUTES_bInheritHandle.set(sa, 1);
      assertEquals(24, sa.get(DWORD, 0));
      assertEquals(1, sa.get(BOOL, 16));
    }
  }

  @Test
  void wideStringsAreNulTerminatedUtf16() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment s = Win32.wideString(arena, "\\\\.\\pipe\\é");
      assertEquals(2 * 11, s.byteSize());
      assertEquals('\\', s.get(java.lang.foreign.ValueLayout.JAVA_CHAR_UNALIGNED, 0));
      assertEquals(0, s.get(java.lang.foreign.ValueLayout.JAVA_CHAR_UNALIGNED, 20));
      assertEquals("\\\\.\\pipe\\é", s.getString(0, java.nio.charset.StandardCharsets.UTF_16LE));
      assertEquals("\\\\.\\pipe\\é", Win32.wideStringAtPointer(s, 100));
      assertEquals("\\\\.\\", Win32.wideStringAtPointer(s, 4));
    }
  }

  @Test
  void invalidHandleValue() {
    assertEquals(-1L, Win32.INVALID_HANDLE_VALUE.address());
    org.junit.jupiter.api.Assertions.assertTrue(
        Win32.isInvalidHandle(MemorySegment.ofAddress(-1L)));
    org.junit.jupiter.api.Assertions.assertFalse(Win32.isInvalidHandle(Win32.NULL));
    org.junit.jupiter.api.Assertions.assertTrue(Win32.isNull(MemorySegment.ofAddress(0)));
  }
}
