package dev.npipe4j.internal.windows;

import dev.npipe4j.internal.windows.win32.Advapi32;
import dev.npipe4j.internal.windows.win32.Advapi32Tokens;
import dev.npipe4j.internal.windows.win32.Kernel32;
import dev.npipe4j.internal.windows.win32.Kernel32Peers;
import dev.npipe4j.internal.windows.win32.Kernel32System;
import dev.npipe4j.internal.windows.win32.Win32;
import dev.npipe4j.internal.windows.win32.Win32Layouts;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The user of a Windows access token: its SID in string form and its account name. Token handles
 * passed in need {@code TOKEN_QUERY}; the caller closes them.
 */
final class Tokens {
  private Tokens() {}

  /**
   * A token's user.
   *
   * @param sid the SID, {@code S-1-5-...}
   * @param name {@code DOMAIN\name}, or null when the SID maps to no account
   */
  record Account(String sid, @Nullable String name) {
    /** How a message names the user: {@code "VM\root (S-1-5-21-0-0-0-1000)"}. */
    @Override
    public String toString() {
      return name != null ? name + " (" + sid + ")" : sid;
    }
  }

  /** The user this process runs as; it never changes, so it is read once. */
  private static volatile @Nullable Account current;

  /** Returns the user of this process's token. */
  static Account current(String pipeName) throws IOException {
    Account a = current;
    if (a == null) {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment token = arena.allocate(ValueLayout.ADDRESS);
        if (!Advapi32.OpenProcessToken(
            Kernel32System.GetCurrentProcess(), Win32.TOKEN_QUERY, token)) {
          throw WindowsErrors.toIOException(Kernel32.lastError(), pipeName, "OpenProcessToken");
        }
        MemorySegment handle = token.get(ValueLayout.ADDRESS, 0);
        try {
          current = a = user(handle, pipeName);
        } finally {
          Kernel32.CloseHandle(handle);
        }
      }
    }
    return a;
  }

  /**
   * Opens the token of another process for {@code TOKEN_QUERY}.
   *
   * @return the token, for the caller to close
   * @throws IOException naming the failing call ({@code OpenProcess} or {@code OpenProcessToken})
   *     and the system's text for its code
   */
  static MemorySegment openProcessToken(long pid) throws IOException {
    MemorySegment process =
        Kernel32Peers.OpenProcess(Win32.PROCESS_QUERY_LIMITED_INFORMATION, false, (int) pid);
    if (Win32.isNull(process)) {
      throw new IOException("OpenProcess: " + WindowsErrors.describe(Kernel32.lastError()));
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment token = arena.allocate(ValueLayout.ADDRESS);
      if (!Advapi32.OpenProcessToken(process, Win32.TOKEN_QUERY, token)) {
        throw new IOException("OpenProcessToken: " + WindowsErrors.describe(Kernel32.lastError()));
      }
      return token.get(ValueLayout.ADDRESS, 0);
    } finally {
      Kernel32.CloseHandle(process);
    }
  }

  /** Returns the user of a token: {@code GetTokenInformation(TokenUser)}, then its names. */
  static Account user(MemorySegment token, String pipeName) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
      MemorySegment info = arena.allocate(256, 8);
      if (!Advapi32.GetTokenInformation(
          token, Win32.TokenUser, info, (int) info.byteSize(), length)) {
        int error = Kernel32.lastError();
        if (error != Win32.ERROR_INSUFFICIENT_BUFFER) {
          throw WindowsErrors.toIOException(error, pipeName, "GetTokenInformation(TokenUser)");
        }
        info = arena.allocate(length.get(ValueLayout.JAVA_INT, 0), 8);
        if (!Advapi32.GetTokenInformation(
            token, Win32.TokenUser, info, (int) info.byteSize(), length)) {
          throw WindowsErrors.toIOException(
              Kernel32.lastError(), pipeName, "GetTokenInformation(TokenUser)");
        }
      }
      MemorySegment sid = info.get(ValueLayout.ADDRESS, Win32Layouts.TOKEN_USER_Sid);
      return new Account(sidString(arena, sid, pipeName), accountName(arena, sid));
    }
  }

  /** {@code ConvertSidToStringSidW}. */
  private static String sidString(Arena arena, MemorySegment sid, String pipeName)
      throws IOException {
    MemorySegment text = arena.allocate(ValueLayout.ADDRESS);
    if (!Advapi32.ConvertSidToStringSidW(sid, text)) {
      throw WindowsErrors.toIOException(Kernel32.lastError(), pipeName, "ConvertSidToStringSidW");
    }
    MemorySegment string = text.get(ValueLayout.ADDRESS, 0);
    try {
      return Objects.requireNonNull(
          Win32.wideStringAtPointer(string, 256), "the call succeeded, so the pointer is set");
    } finally {
      Kernel32System.LocalFree(string);
    }
  }

  /**
   * {@code LookupAccountSidW} on this machine: {@code DOMAIN\name}, or null when the SID maps to no
   * account (ERROR_NONE_MAPPED) or the lookup fails otherwise (a domain controller out of reach).
   */
  private static @Nullable String accountName(Arena arena, MemorySegment sid) {
    int chars = Win32.UNLEN + 1;
    for (int attempt = 0; attempt < 2; attempt++) {
      MemorySegment name = arena.allocate(2L * chars);
      MemorySegment domain = arena.allocate(2L * chars);
      MemorySegment nameChars = arena.allocateFrom(ValueLayout.JAVA_INT, chars);
      MemorySegment domainChars = arena.allocateFrom(ValueLayout.JAVA_INT, chars);
      MemorySegment use = arena.allocate(ValueLayout.JAVA_INT);
      if (Advapi32Tokens.LookupAccountSidW(
          Win32.NULL, sid, name, nameChars, domain, domainChars, use)) {
        String user = Win32.wideStringAt(name);
        String realm = Win32.wideStringAt(domain);
        return realm.isEmpty() ? user : realm + "\\" + user;
      }
      if (Kernel32.lastError() != Win32.ERROR_INSUFFICIENT_BUFFER) {
        return null;
      }
      chars =
          Math.max(
              domainChars.get(ValueLayout.JAVA_INT, 0), nameChars.get(ValueLayout.JAVA_INT, 0));
    }
    return null;
  }
}
