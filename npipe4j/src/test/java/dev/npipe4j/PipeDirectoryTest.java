package dev.npipe4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.npipe4j.internal.windows.win32.FindFiles;
import dev.npipe4j.internal.windows.win32.Wine;
import dev.npipe4j.internal.windows.win32.WineDivergence;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link PipeDirectory#list()} on the running OS, and the Win32 layout it reads. */
@Timeout(60)
class PipeDirectoryTest {
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  @Test
  void win32FindDataHasTheSdkLayout() {
    assertEquals(592, FindFiles.WIN32_FIND_DATAW.byteSize());
    assertEquals(32, FindFiles.N_FILE_SIZE_LOW);
    assertEquals(44, FindFiles.C_FILE_NAME);
  }

  @Test
  void listsAServedPipeAndForgetsItOnceClosed() throws Exception {
    String name = "\\\\.\\pipe\\npipe4j-ls-" + UUID.randomUUID();
    ServerOptions options = new ServerOptions();
    try (NamedPipeServer first = options.create(name);
        NamedPipeServer second = options.create(name)) {
      assertTrue(first.isOpen() && second.isOpen());
      if (WINDOWS) {
        WineDivergence.PIPES_NOT_LISTABLE.assumeWindowsBehaviour();
      }
      Optional<PipeDirectory.Entry> entry = find(PipeDirectory.list(), name);
      assertTrue(entry.isPresent(), name + " not listed");
      assertEquals(WINDOWS ? OptionalInt.of(2) : OptionalInt.empty(), entry.get().instances());
    }
    assertFalse(find(PipeDirectory.list(), name).isPresent(), name + " still listed");
  }

  private static Optional<PipeDirectory.Entry> find(List<PipeDirectory.Entry> pipes, String name) {
    return pipes.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
  }

  @Test
  void underWineTheListingFailsWithTheDocumentedCode() {
    assumeTrue(WINDOWS && Wine.isWine(), "Wine only: divergence 11 (PIPES_NOT_LISTABLE)");
    PipeException e = assertThrows(PipeException.class, PipeDirectory::list);
    assertEquals(66, e.osError(), e.getMessage()); // ERROR_BAD_DEV_TYPE
  }
}
