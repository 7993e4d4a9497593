package dev.npipe4j.internal.windows.win32;

import static dev.npipe4j.internal.windows.win32.Native.linkKernel32;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.BOOL;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.DWORD;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.HANDLE;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.POINTER;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * kernel32's directory enumeration, used to list {@code \\.\pipe\*}: FindFirstFileW, FindNextFileW
 * and FindClose, with the WIN32_FIND_DATAW layout. Every function sets last-error ({@link
 * Kernel32#lastError()}).
 *
 * <p>For an entry of the named-pipe file system, the size fields carry the pipe's current number of
 * instances ({@code nFileSizeLow}).
 */
public final class FindFiles {
  private FindFiles() {}

  /** {@code typedef wchar_t WCHAR;} (UTF-16 code unit) */
  private static final ValueLayout.OfChar WCHAR = ValueLayout.JAVA_CHAR;

  /** {@code MAX_PATH}: the length of {@code cFileName}, in WCHARs. */
  public static final int MAX_PATH = 260;

  /** {@code typedef struct _FILETIME { DWORD dwLowDateTime; DWORD dwHighDateTime; } FILETIME;} */
  private static final StructLayout FILETIME =
      MemoryLayout.structLayout(DWORD.withName("dwLowDateTime"), DWORD.withName("dwHighDateTime"));

  /**
   * {@code WIN32_FIND_DATAW}: {@code DWORD dwFileAttributes; FILETIME ftCreationTime,
   * ftLastAccessTime, ftLastWriteTime; DWORD nFileSizeHigh, nFileSizeLow, dwReserved0, dwReserved1;
   * WCHAR cFileName[MAX_PATH]; WCHAR cAlternateFileName[14];} 592 bytes, 4-byte aligned.
   */
  public static final StructLayout WIN32_FIND_DATAW =
      MemoryLayout.structLayout(
          DWORD.withName("dwFileAttributes"),
          FILETIME.withName("ftCreationTime"),
          FILETIME.withName("ftLastAccessTime"),
          FILETIME.withName("ftLastWriteTime"),
          DWORD.withName("nFileSizeHigh"),
          DWORD.withName("nFileSizeLow"),
          DWORD.withName("dwReserved0"),
          DWORD.withName("dwReserved1"),
          MemoryLayout.sequenceLayout(MAX_PATH, WCHAR).withName("cFileName"),
          MemoryLayout.sequenceLayout(14, WCHAR).withName("cAlternateFileName"));

  /** Byte offset of {@code nFileSizeLow}. */
  public static final long N_FILE_SIZE_LOW =
      WIN32_FIND_DATAW.byteOffset(MemoryLayout.PathElement.groupElement("nFileSizeLow"));

  /** Byte offset of {@code cFileName}. */
  public static final long C_FILE_NAME =
      WIN32_FIND_DATAW.byteOffset(MemoryLayout.PathElement.groupElement("cFileName"));

  private static final class H {
    static final MethodHandle FindFirstFileW =
        linkKernel32("FindFirstFileW", FunctionDescriptor.of(HANDLE, POINTER, POINTER));
    static final MethodHandle FindNextFileW =
        linkKernel32("FindNextFileW", FunctionDescriptor.of(BOOL, HANDLE, POINTER));
    static final MethodHandle FindClose =
        linkKernel32("FindClose", FunctionDescriptor.of(BOOL, HANDLE));
  }

  /**
   * {@code HANDLE FindFirstFileW(LPCWSTR lpFileName, LPWIN32_FIND_DATAW lpFindFileData);}
   *
   * @return the search handle, or {@link Win32#INVALID_HANDLE_VALUE} (see {@link
   *     Kernel32#lastError()}: ERROR_FILE_NOT_FOUND when nothing matches)
   */
  public static MemorySegment FindFirstFileW(
      MemorySegment lpFileName, MemorySegment lpFindFileData) {
    try {
      return (MemorySegment)
          H.FindFirstFileW.invokeExact(Native.captureSegment(), lpFileName, lpFindFileData);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL FindNextFileW(HANDLE hFindFile, LPWIN32_FIND_DATAW lpFindFileData);}
   *
   * @return false at the end ({@link Win32#ERROR_NO_MORE_FILES}) or on failure
   */
  public static boolean FindNextFileW(MemorySegment hFindFile, MemorySegment lpFindFileData) {
    try {
      return (int) H.FindNextFileW.invokeExact(Native.captureSegment(), hFindFile, lpFindFileData)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code BOOL FindClose(HANDLE hFindFile);} */
  public static boolean FindClose(MemorySegment hFindFile) {
    try {
      return (int) H.FindClose.invokeExact(Native.captureSegment(), hFindFile) != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** Reads {@code cFileName} of a filled WIN32_FIND_DATAW. */
  public static String fileName(MemorySegment findData) {
    return findData.asSlice(C_FILE_NAME, 2L * MAX_PATH).getString(0, StandardCharsets.UTF_16LE);
  }

  /** Reads {@code nFileSizeLow} of a filled WIN32_FIND_DATAW. */
  public static int fileSizeLow(MemorySegment findData) {
    return findData.get(DWORD, N_FILE_SIZE_LOW);
  }
}
