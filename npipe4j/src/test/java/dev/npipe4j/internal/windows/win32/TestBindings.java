package dev.npipe4j.internal.windows.win32;

import static dev.npipe4j.internal.windows.win32.Win32Layouts.BOOL;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.DWORD;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.HANDLE;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.POINTER;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Bindings only the tests call: changing a handle's DACL and counting the process's handles.
 * Conventions as in {@link Kernel32}; SetSecurityInfo returns its error code directly
 * (ERROR_SUCCESS on success) and is not captured.
 */
public final class TestBindings {
  private TestBindings() {}

  /** {@code SE_OBJECT_TYPE} value for kernel objects. */
  public static final int SE_KERNEL_OBJECT = 6;

  /** {@code SECURITY_INFORMATION} bit: the DACL. */
  public static final int DACL_SECURITY_INFORMATION = 0x00000004;

  private static final class H {
    static final MethodHandle SetSecurityInfo =
        advapi32(
            "SetSecurityInfo",
            FunctionDescriptor.of(DWORD, HANDLE, DWORD, DWORD, POINTER, POINTER, POINTER, POINTER),
            false);
    static final MethodHandle GetProcessHandleCount =
        kernel32("GetProcessHandleCount", FunctionDescriptor.of(BOOL, HANDLE, POINTER));

    private static MethodHandle advapi32(String name, FunctionDescriptor d, boolean setsLastError) {
      return Native.downcall(Native.advapi32(), name, d, setsLastError);
    }

    private static MethodHandle kernel32(String name, FunctionDescriptor d) {
      return Native.downcall(Native.kernel32(), name, d, true);
    }
  }

  /**
   * {@code DWORD SetSecurityInfo(HANDLE handle, SE_OBJECT_TYPE ObjectType, SECURITY_INFORMATION
   * SecurityInfo, PSID psidOwner, PSID psidGroup, PACL pDacl, PACL pSacl);}
   *
   * @return ERROR_SUCCESS or the error code (last-error is not used)
   */
  public static int SetSecurityInfo(
      MemorySegment handle,
      int ObjectType,
      int SecurityInfo,
      MemorySegment psidOwner,
      MemorySegment psidGroup,
      MemorySegment pDacl,
      MemorySegment pSacl) {
    try {
      return (int)
          H.SetSecurityInfo.invokeExact(
              handle, ObjectType, SecurityInfo, psidOwner, psidGroup, pDacl, pSacl);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code BOOL GetProcessHandleCount(HANDLE hProcess, PDWORD pdwHandleCount);} */
  public static boolean GetProcessHandleCount(
      MemorySegment hProcess, MemorySegment pdwHandleCount) {
    try {
      return (int)
              H.GetProcessHandleCount.invokeExact(Native.captureSegment(), hProcess, pdwHandleCount)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }
}
