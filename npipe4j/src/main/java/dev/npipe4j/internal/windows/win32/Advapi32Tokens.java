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
 * advapi32 bindings for impersonation and account names. Conventions as in {@link Kernel32}: every
 * function here sets last-error, read with {@link Kernel32#lastError()}.
 *
 * <p>Impersonation is per OS thread: a token set here stays on the thread that made the call until
 * {@link #RevertToSelf} or {@link #SetThreadToken} removes it.
 */
public final class Advapi32Tokens {
  private Advapi32Tokens() {}

  private static final class H {
    static final MethodHandle ImpersonateNamedPipeClient =
        linkAdvapi32("ImpersonateNamedPipeClient", FunctionDescriptor.of(BOOL, HANDLE));
    static final MethodHandle RevertToSelf =
        linkAdvapi32("RevertToSelf", FunctionDescriptor.of(BOOL));
    static final MethodHandle OpenThreadToken =
        linkAdvapi32("OpenThreadToken", FunctionDescriptor.of(BOOL, HANDLE, DWORD, BOOL, POINTER));
    static final MethodHandle SetThreadToken =
        linkAdvapi32("SetThreadToken", FunctionDescriptor.of(BOOL, POINTER, HANDLE));
    static final MethodHandle LookupAccountSidW =
        linkAdvapi32(
            "LookupAccountSidW",
            FunctionDescriptor.of(
                BOOL, POINTER, POINTER, POINTER, POINTER, POINTER, POINTER, POINTER));
  }

  /**
   * {@code BOOL ImpersonateNamedPipeClient(HANDLE hNamedPipe);} Puts the client's token on the
   * calling thread. Under Wine it succeeds with no client connected (WineDivergence.SQOS_IGNORED in
   * the tests).
   */
  public static boolean ImpersonateNamedPipeClient(MemorySegment hNamedPipe) {
    try {
      return (int) H.ImpersonateNamedPipeClient.invokeExact(Native.captureSegment(), hNamedPipe)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code BOOL RevertToSelf(void);} Removes the calling thread's impersonation token. */
  public static boolean RevertToSelf() {
    try {
      return (int) H.RevertToSelf.invokeExact(Native.captureSegment()) != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL OpenThreadToken(HANDLE ThreadHandle, DWORD DesiredAccess, BOOL OpenAsSelf, PHANDLE
   * TokenHandle);} Fails with ERROR_NO_TOKEN when the thread impersonates nobody, and with
   * ERROR_CANT_OPEN_ANONYMOUS for an anonymous token. Close the token with CloseHandle.
   */
  public static boolean OpenThreadToken(
      MemorySegment ThreadHandle,
      int DesiredAccess,
      boolean OpenAsSelf,
      MemorySegment TokenHandle) {
    try {
      return (int)
              H.OpenThreadToken.invokeExact(
                  Native.captureSegment(),
                  ThreadHandle,
                  DesiredAccess,
                  OpenAsSelf ? 1 : 0,
                  TokenHandle)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL SetThreadToken(PHANDLE Thread, HANDLE Token);} With Thread NULL, the calling
   * thread; with Token NULL, stops impersonating.
   */
  public static boolean SetThreadToken(MemorySegment Thread, MemorySegment Token) {
    try {
      return (int) H.SetThreadToken.invokeExact(Native.captureSegment(), Thread, Token) != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL LookupAccountSidW(LPCWSTR lpSystemName, PSID Sid, LPWSTR Name, LPDWORD cchName,
   * LPWSTR ReferencedDomainName, LPDWORD cchReferencedDomainName, PSID_NAME_USE peUse);} The counts
   * are in characters, in and out; ERROR_INSUFFICIENT_BUFFER sets them to the sizes needed, and
   * ERROR_NONE_MAPPED means the SID has no name.
   */
  public static boolean LookupAccountSidW(
      MemorySegment lpSystemName,
      MemorySegment Sid,
      MemorySegment Name,
      MemorySegment cchName,
      MemorySegment ReferencedDomainName,
      MemorySegment cchReferencedDomainName,
      MemorySegment peUse) {
    try {
      return (int)
              H.LookupAccountSidW.invokeExact(
                  Native.captureSegment(),
                  lpSystemName,
                  Sid,
                  Name,
                  cchName,
                  ReferencedDomainName,
                  cchReferencedDomainName,
                  peUse)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }
}
