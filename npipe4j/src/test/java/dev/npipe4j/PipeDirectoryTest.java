package dev.npipe4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.npipe4j.internal.windows.win32.FindFiles;
import dev.npipe4j.internal.windows.win32.Wine;
import dev.npipe4j.internal.windows.win32.WineDivergence;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link PipeDirectory#list()} on the running OS, and the Win32 layout it reads. */
@Timeout(60)
class PipeDirectoryTest {
  private static final boolean WINDOWS =
      PipeTransport.current() == PipeTransport.WINDOWS_NAMED_PIPES;

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

  @Test
  void theSocketDirectoryHoldsAServedPipesSocketOnUnixOnly() throws Exception {
    String pipe = "npipe4j-dir-" + UUID.randomUUID();
    try (NamedPipeServer server = new ServerOptions().create("\\\\.\\pipe\\" + pipe)) {
      assertTrue(server.isOpen());
      Optional<Path> dir = PipeDirectory.socketDirectory();
      if (WINDOWS) {
        assertEquals(Optional.empty(), dir);
        return;
      }
      assertTrue(dir.isPresent(), "no socket directory on Unix");
      Path socket = dir.get().resolve(pipe);
      assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), socket + " missing");
      assertTrue(Files.isDirectory(dir.get(), LinkOption.NOFOLLOW_LINKS), dir.get().toString());
    }
    assertFalse(Files.exists(PipeDirectory.socketDirectory().get().resolve(pipe)));
  }

  @Test
  void theTransportFollowsOsName() {
    boolean windows = System.getProperty("os.name").regionMatches(true, 0, "Windows", 0, 7);
    assertEquals(
        windows ? PipeTransport.WINDOWS_NAMED_PIPES : PipeTransport.UNIX_DOMAIN_SOCKETS,
        PipeTransport.current());
    assertEquals(
        windows ? "Windows named pipes" : "Unix domain sockets",
        PipeTransport.current().description());
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
