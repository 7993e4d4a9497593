package dev.npipe4j.internal.windows.win32;

import static dev.npipe4j.internal.windows.win32.Native.linkAdvapi32;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.BOOL;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.DWORD;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.HANDLE;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.POINTER;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * advapi32 bindings for security descriptors and tokens. Conventions as in {@link Kernel32}. The
 * BOOL functions set last-error, read with {@link Kernel32#lastError()}. Memory these functions
 * allocate (descriptors, SID strings) is freed with {@link Kernel32System#LocalFree}.
 *
 * <p>Under Wine, pipe DACLs are stored but not enforced when a client opens
 * (WineDivergence.DACL_NOT_ENFORCED in the tests).
 */
public final class Advapi32 {
  private Advapi32() {}

  private static final class H {
    static final MethodHandle ConvertStringSecurityDescriptorToSecurityDescriptorW =
        linkAdvapi32(
            "ConvertStringSecurityDescriptorToSecurityDescriptorW",
            FunctionDescriptor.of(BOOL, POINTER, DWORD, POINTER, POINTER));
    static final MethodHandle OpenProcessToken =
        linkAdvapi32("OpenProcessToken", FunctionDescriptor.of(BOOL, HANDLE, DWORD, POINTER));
    static final MethodHandle GetTokenInformation =
        linkAdvapi32(
            "GetTokenInformation",
            FunctionDescriptor.of(BOOL, HANDLE, DWORD, POINTER, DWORD, POINTER));
    static final MethodHandle ConvertSidToStringSidW =
        linkAdvapi32("ConvertSidToStringSidW", FunctionDescriptor.of(BOOL, POINTER, POINTER));
  }

  /**
   * {@code BOOL ConvertStringSecurityDescriptorToSecurityDescriptorW(LPCWSTR
   * StringSecurityDescriptor, DWORD StringSDRevision, PSECURITY_DESCRIPTOR *SecurityDescriptor,
   * PULONG SecurityDescriptorSize);} StringSDRevision is SDDL_REVISION_1; SecurityDescriptorSize
   * may be NULL. Free the descriptor with LocalFree.
   */
  public static boolean ConvertStringSecurityDescriptorToSecurityDescriptorW(
      MemorySegment StringSecurityDescriptor,
      int StringSDRevision,
      MemorySegment SecurityDescriptor,
      MemorySegment SecurityDescriptorSize) {
    try {
      return (int)
              H.ConvertStringSecurityDescriptorToSecurityDescriptorW.invokeExact(
                  Native.captureSegment(),
                  StringSecurityDescriptor,
                  StringSDRevision,
                  SecurityDescriptor,
                  SecurityDescriptorSize)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL OpenProcessToken(HANDLE ProcessHandle, DWORD DesiredAccess, PHANDLE TokenHandle);}
   * Close the token with CloseHandle.
   */
  public static boolean OpenProcessToken(
      MemorySegment ProcessHandle, int DesiredAccess, MemorySegment TokenHandle) {
    try {
      return (int)
              H.OpenProcessToken.invokeExact(
                  Native.captureSegment(), ProcessHandle, DesiredAccess, TokenHandle)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL GetTokenInformation(HANDLE TokenHandle, TOKEN_INFORMATION_CLASS
   * TokenInformationClass, LPVOID TokenInformation, DWORD TokenInformationLength, PDWORD
   * ReturnLength);} Call once with a NULL buffer to learn the size (ERROR_INSUFFICIENT_BUFFER).
   */
  public static boolean GetTokenInformation(
      MemorySegment TokenHandle,
      int TokenInformationClass,
      MemorySegment TokenInformation,
      int TokenInformationLength,
      MemorySegment ReturnLength) {
    try {
      return (int)
              H.GetTokenInformation.invokeExact(
                  Native.captureSegment(),
                  TokenHandle,
                  TokenInformationClass,
                  TokenInformation,
                  TokenInformationLength,
                  ReturnLength)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL ConvertSidToStringSidW(PSID Sid, LPWSTR *StringSid);} Free the string with
   * LocalFree.
   */
  public static boolean ConvertSidToStringSidW(MemorySegment Sid, MemorySegment StringSid) {
    try {
      return (int) H.ConvertSidToStringSidW.invokeExact(Native.captureSegment(), Sid, StringSid)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }
}
