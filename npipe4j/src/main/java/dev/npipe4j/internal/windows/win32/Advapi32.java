package dev.npipe4j.internal.windows.win32;

import static dev.npipe4j.internal.windows.win32.Win32Layouts.BOOL;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.DWORD;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.HANDLE;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.POINTER;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * advapi32 bindings for security descriptors and tokens. Conventions as in {@link Kernel32}.
 * SetSecurityInfo and GetSecurityInfo return their error code directly (ERROR_SUCCESS on success)
 * and are not captured; the BOOL functions set last-error, read with {@link Kernel32#lastError()}.
 * Memory these functions allocate (descriptors, SID strings) is freed with {@link
 * Kernel32System#LocalFree}.
 *
 * <p>Under Wine, pipe DACLs are stored but not enforced when a client opens
 * (WineDivergence.DACL_NOT_ENFORCED in the tests).
 */
public final class Advapi32 {
  private Advapi32() {}

  private static final class H {
    static final MethodHandle ConvertStringSecurityDescriptorToSecurityDescriptorW =
        link(
            "ConvertStringSecurityDescriptorToSecurityDescriptorW",
            FunctionDescriptor.of(BOOL, POINTER, DWORD, POINTER, POINTER),
            true);
    static final MethodHandle ConvertSecurityDescriptorToStringSecurityDescriptorW =
        link(
            "ConvertSecurityDescriptorToStringSecurityDescriptorW",
            FunctionDescriptor.of(BOOL, POINTER, DWORD, DWORD, POINTER, POINTER),
            true);
    static final MethodHandle SetSecurityInfo =
        link(
            "SetSecurityInfo",
            FunctionDescriptor.of(DWORD, HANDLE, DWORD, DWORD, POINTER, POINTER, POINTER, POINTER),
            false);
    static final MethodHandle GetSecurityInfo =
        link(
            "GetSecurityInfo",
            FunctionDescriptor.of(
                DWORD, HANDLE, DWORD, DWORD, POINTER, POINTER, POINTER, POINTER, POINTER),
            false);
    static final MethodHandle OpenProcessToken =
        link("OpenProcessToken", FunctionDescriptor.of(BOOL, HANDLE, DWORD, POINTER), true);
    static final MethodHandle GetTokenInformation =
        link(
            "GetTokenInformation",
            FunctionDescriptor.of(BOOL, HANDLE, DWORD, POINTER, DWORD, POINTER),
            true);
    static final MethodHandle ConvertSidToStringSidW =
        link("ConvertSidToStringSidW", FunctionDescriptor.of(BOOL, POINTER, POINTER), true);

    private static MethodHandle link(String name, FunctionDescriptor d, boolean setsLastError) {
      return Native.downcall(Native.advapi32(), name, d, setsLastError);
    }
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
   * {@code BOOL ConvertSecurityDescriptorToStringSecurityDescriptorW(PSECURITY_DESCRIPTOR
   * SecurityDescriptor, DWORD RequestedStringSDRevision, SECURITY_INFORMATION SecurityInformation,
   * LPWSTR *StringSecurityDescriptor, PULONG StringSecurityDescriptorLen);} Free the string with
   * LocalFree.
   */
  public static boolean ConvertSecurityDescriptorToStringSecurityDescriptorW(
      MemorySegment SecurityDescriptor,
      int RequestedStringSDRevision,
      int SecurityInformation,
      MemorySegment StringSecurityDescriptor,
      MemorySegment StringSecurityDescriptorLen) {
    try {
      return (int)
              H.ConvertSecurityDescriptorToStringSecurityDescriptorW.invokeExact(
                  Native.captureSegment(),
                  SecurityDescriptor,
                  RequestedStringSDRevision,
                  SecurityInformation,
                  StringSecurityDescriptor,
                  StringSecurityDescriptorLen)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
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

  /**
   * {@code DWORD GetSecurityInfo(HANDLE handle, SE_OBJECT_TYPE ObjectType, SECURITY_INFORMATION
   * SecurityInfo, PSID *ppsidOwner, PSID *ppsidGroup, PACL *ppDacl, PACL *ppSacl,
   * PSECURITY_DESCRIPTOR *ppSecurityDescriptor);} The SIDs and ACLs point into the descriptor; free
   * only the descriptor, with LocalFree.
   *
   * @return ERROR_SUCCESS or the error code (last-error is not used)
   */
  public static int GetSecurityInfo(
      MemorySegment handle,
      int ObjectType,
      int SecurityInfo,
      MemorySegment ppsidOwner,
      MemorySegment ppsidGroup,
      MemorySegment ppDacl,
      MemorySegment ppSacl,
      MemorySegment ppSecurityDescriptor) {
    try {
      return (int)
          H.GetSecurityInfo.invokeExact(
              handle,
              ObjectType,
              SecurityInfo,
              ppsidOwner,
              ppsidGroup,
              ppDacl,
              ppSacl,
              ppSecurityDescriptor);
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
