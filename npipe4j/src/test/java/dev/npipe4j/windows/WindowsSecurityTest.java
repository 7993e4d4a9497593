package dev.npipe4j.windows;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.NamedPipeServer;
import dev.npipe4j.PipeContractSupport;
import dev.npipe4j.PipeError;
import dev.npipe4j.ServerOptions;
import dev.npipe4j.internal.windows.win32.WineDivergence;
import java.nio.file.AccessDeniedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Security descriptors, the current-user restriction and the peer's process id, on Windows. */
@EnabledOnOs(OS.WINDOWS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WindowsSecurityTest extends PipeContractSupport {
  private static void assertClientCanTalk(String name, NamedPipeServer server) throws Exception {
    CompletableFuture<Void> connect = server.connect();
    try (NamedPipeClient client = new ClientOptions().open(name)) {
      await(connect);
      writeAll(client, "hello".getBytes(US_ASCII));
      assertArrayEquals("hello".getBytes(US_ASCII), readExactly(server, 5));
    }
  }

  @Test
  void sddlAllowingEveryoneAdmitsAClient() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server =
        new ServerOptions().securityDescriptor("D:P(A;;GA;;;WD)").create(name)) {
      assertClientCanTalk(name, server);
    }
  }

  @Test
  void sddlDenyingEveryoneRefusesAClient() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server =
        new ServerOptions().securityDescriptor("D:P(D;;GA;;;WD)").create(name)) {
      WineDivergence.DACL_NOT_ENFORCED.assumeWindowsBehaviour();
      AccessDeniedException e =
          assertThrows(AccessDeniedException.class, () -> new ClientOptions().open(name));
      assertEquals(5, ((PipeError) e).osError());
      assertTrue(server.isOpen());
    }
  }

  @Test
  void malformedSddlIsRejectedClearly() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ServerOptions().securityDescriptor("not SDDL").create(uniqueName()));
    assertTrue(e.getMessage().contains("not SDDL"), e.getMessage());
  }

  @Test
  void currentUserOnlyAdmitsTheCurrentUser() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().currentUserOnly(true).create(name)) {
      assertClientCanTalk(name, server);
    }
  }

  @Test
  void eachEndSeesThePeersProcessId() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      CompletableFuture<Void> connect = server.connect();
      try (NamedPipeClient client = new ClientOptions().open(name)) {
        await(connect);
        long self = ProcessHandle.current().pid();
        assertEquals(self, server.peerProcessId());
        assertEquals(self, client.peerProcessId());
      }
    }
  }
}
