package dev.npipe4j.internal.windows;

import dev.npipe4j.internal.ServerConfig;
import dev.npipe4j.internal.windows.win32.Advapi32;
import dev.npipe4j.internal.windows.win32.Kernel32;
import dev.npipe4j.internal.windows.win32.Kernel32System;
import dev.npipe4j.internal.windows.win32.Win32;
import dev.npipe4j.internal.windows.win32.Win32Layouts;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Security attributes for a new pipe, built from an SDDL string.
 *
 * <p>The caller never passes a raw descriptor pointer (the unsafety of tokio#6128): npipe4j
 * converts the SDDL with {@code ConvertStringSecurityDescriptorToSecurityDescriptorW}, keeps the
 * descriptor alive for the {@code CreateNamedPipeW} call, and frees it with {@code LocalFree}.
 */
final class SecurityDescriptors implements AutoCloseable {
  /** The SECURITY_ATTRIBUTES to pass, or NULL for the default descriptor. */
  final MemorySegment attributes;

  /** The descriptor LocalAlloc'ed by the conversion, or NULL. */
  private final MemorySegment descriptor;

  private SecurityDescriptors(MemorySegment attributes, MemorySegment descriptor) {
    this.attributes = attributes;
    this.descriptor = descriptor;
  }

  /** Builds the attributes the options ask for, in {@code arena}. */
  static SecurityDescriptors forServer(Arena arena, ServerConfig config, String pipeName)
      throws IOException {
    String sddl = config.securityDescriptor();
    if (config.currentUserOnly()) {
      // Protected DACL: full access for the current user, nobody else.
      sddl = "D:P(A;;GA;;;" + currentUserSid(pipeName) + ")";
    }
    if (sddl == null) {
      return new SecurityDescriptors(Win32.NULL, Win32.NULL);
    }
    MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
    if (!Advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW(
        Win32.wideString(arena, sddl), Win32.SDDL_REVISION_1, out, Win32.NULL)) {
      int error = Kernel32.lastError();
      throw new IllegalArgumentException(
          "invalid security descriptor \"" + sddl + "\": " + WindowsErrors.describe(error));
    }
    MemorySegment descriptor = out.get(ValueLayout.ADDRESS, 0);
    MemorySegment sa = arena.allocate(Win32Layouts.SECURITY_ATTRIBUTES);
    Win32Layouts.VH_SECURITY_ATTRIBUTES_nLength.set(
        sa, (int) Win32Layouts.SECURITY_ATTRIBUTES_SIZE);
    Win32Layouts.VH_SECURITY_ATTRIBUTES_lpSecurityDescriptor.set(sa, descriptor);
    Win32Layouts.VH_SECURITY_ATTRIBUTES_bInheritHandle.set(sa, 0);
    return new SecurityDescriptors(sa, descriptor);
  }

  /** Returns the SID of the user this process runs as, in string form ("S-1-5-21-..."). */
  static String currentUserSid(String pipeName) throws IOException {
    return Tokens.current(pipeName).sid();
  }

  @Override
  public void close() {
    if (!Win32.isNull(descriptor)) {
      Kernel32System.LocalFree(descriptor);
    }
  }
}
