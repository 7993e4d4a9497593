package dev.npipe4j.internal.windows;

import dev.npipe4j.PipeDirectory;
import dev.npipe4j.PipeException;
import dev.npipe4j.internal.windows.win32.FindFiles;
import dev.npipe4j.internal.windows.win32.Kernel32;
import dev.npipe4j.internal.windows.win32.Win32;
import dev.npipe4j.internal.windows.win32.Win32Outcome;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * Lists the local pipes by enumerating the named-pipe file system: FindFirstFileW on {@code
 * \\.\pipe\*}. Opens no pipe, so no server loses an instance to the listing.
 */
public final class WindowsPipeList {
  private WindowsPipeList() {}

  private static final String PREFIX = "\\\\.\\pipe\\";

  /**
   * Lists every pipe on this machine, sorted by name ignoring case (as Windows compares them).
   *
   * @return the pipes, each with its current number of instances
   * @throws PipeException if the enumeration fails
   */
  public static List<PipeDirectory.Entry> list() throws PipeException {
    List<PipeDirectory.Entry> pipes = new ArrayList<>();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment data = arena.allocate(FindFiles.WIN32_FIND_DATAW);
      MemorySegment search = FindFiles.FindFirstFileW(Win32.wideString(arena, PREFIX + "*"), data);
      if (Win32.isInvalidHandle(search)) {
        int code = Kernel32.lastError();
        if (Win32Outcome.of(code) == Win32Outcome.NOT_FOUND) {
          return pipes; // no pipe at all
        }
        throw failure("FindFirstFileW", code);
      }
      try {
        do {
          pipes.add(
              new PipeDirectory.Entry(
                  PREFIX + FindFiles.fileName(data), OptionalInt.of(FindFiles.fileSizeLow(data))));
        } while (FindFiles.FindNextFileW(search, data));
        int code = Kernel32.lastError();
        if (Win32Outcome.of(code) != Win32Outcome.NOT_FOUND) {
          throw failure("FindNextFileW", code);
        }
      } finally {
        FindFiles.FindClose(search);
      }
    }
    pipes.sort(Comparator.comparing(PipeDirectory.Entry::name, String.CASE_INSENSITIVE_ORDER));
    return pipes;
  }

  private static PipeException failure(String call, int code) {
    return new PipeException(
        "listing " + PREFIX + "*: " + call + ": " + WindowsErrors.describe(code), code);
  }
}
