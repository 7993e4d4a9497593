package dev.npipe4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract on the Unix domain socket backends, plus what only Unix has; {@link
 * LinuxPipeContractTest} and {@link JdkUnixPipeContractTest} run it on each backend.
 */
@DisabledOnOs(OS.WINDOWS)
abstract class AbstractUnixPipeContractTest extends AbstractPipeContractTest {

  @Test
  void aBurstOfClientsWaitsThroughAFullBacklog() throws Exception {
    // More clients than the listener's backlog: opens that meet EAGAIN must wait, not fail.
    int clients = 200;
    String name = uniqueName();
    try (PipeListener listener = PipeListener.bind(name, new ServerOptions())) {
      java.util.List<java.util.concurrent.CompletableFuture<byte[]>> replies =
          new java.util.ArrayList<>();
      for (int i = 0; i < clients; i++) {
        byte[] ping = ascii(String.format("p%07d", i));
        var reply = new java.util.concurrent.CompletableFuture<byte[]>();
        replies.add(reply);
        Thread.ofVirtual()
            .start(
                () -> {
                  try (NamedPipeClient c = open(name)) {
                    writeAll(c, ping);
                    reply.complete(readExactly(c, ping.length));
                  } catch (Throwable e) {
                    reply.completeExceptionally(e);
                  }
                });
      }
      for (int i = 0; i < clients; i++) {
        NamedPipeServer connected = await(listener.accept());
        Thread.ofVirtual()
            .start(
                () -> {
                  try (connected) {
                    writeAll(connected, readExactly(connected, 8));
                  } catch (Exception ignored) {
                    // the client side asserts the echo
                  }
                });
      }
      for (int i = 0; i < clients; i++) {
        assertEquals(String.format("p%07d", i), new String(await(replies.get(i)), "US-ASCII"));
      }
    }
  }

  @Test
  void securityDescriptorIsRefused() {
    assertThrows(
        UnsupportedOperationException.class,
        () -> new ServerOptions().securityDescriptor("D:P(A;;GA;;;OW)").create(uniqueName()));
  }

  @Test
  void namesThatCannotBeFilesAreRejected() {
    for (String bad : new String[] {"\\\\.\\pipe\\a/b", "\\\\.\\pipe\\.", "\\\\.\\pipe\\.."}) {
      assertThrows(IllegalArgumentException.class, () -> new ServerOptions().create(bad), bad);
      assertThrows(IllegalArgumentException.class, () -> new ClientOptions().open(bad), bad);
    }
    // Fits in 256 characters, not in sun_path.
    String longName = "\\\\.\\pipe\\" + "y".repeat(200);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ServerOptions().create(longName));
    assertTrue(e.getMessage().contains("bytes"), e.getMessage());
  }

  @Test
  void absolutePathIsUsedAsIs(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("p.sock");
    String name = socket.toString();
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      assertTrue(Files.exists(socket));
      var connected = server.connect();
      try (NamedPipeClient client = new ClientOptions().open(name)) {
        await(connected);
        writeAll(client, ascii("path"));
        assertEquals("path", new String(readExactly(server, 4), "US-ASCII"));
      }
    }
    assertFalse(Files.exists(socket), "the last instance deletes the socket file");
  }

  @Test
  void staleSocketFileIsReplaced(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("stale.sock");
    // A listener that dies without deleting its file.
    ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    dead.bind(UnixDomainSocketAddress.of(socket));
    dead.close();
    assertTrue(Files.exists(socket));
    try (NamedPipeServer server =
        new ServerOptions().firstPipeInstance(true).create(socket.toString())) {
      assertTrue(server.isOpen());
    }
  }

  @Test
  void liveForeignListenerIsNotStolen(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("live.sock");
    try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      other.bind(UnixDomainSocketAddress.of(socket));
      assertThrows(
          java.nio.file.AccessDeniedException.class,
          () -> new ServerOptions().firstPipeInstance(true).create(socket.toString()));
      assertThrows(
          java.nio.file.AccessDeniedException.class,
          () -> new ServerOptions().create(socket.toString()));
      assertTrue(Files.exists(socket));
    }
  }

  @Test
  void regularFileIsNotReplaced(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("data.txt"), "keep me");
    assertThrows(
        java.nio.file.AccessDeniedException.class,
        () -> new ServerOptions().create(file.toString()));
    assertEquals("keep me", Files.readString(file));
  }

  @Test
  void socketDirectoryIsPrivate() throws Exception {
    try (NamedPipeServer server = new ServerOptions().create(uniqueName())) {
      assertTrue(server.isOpen());
      String xdg = System.getenv("XDG_RUNTIME_DIR");
      Path dir =
          xdg != null && xdg.startsWith("/")
              ? Path.of(xdg, "npipe4j")
              : Path.of(
                  System.getProperty("java.io.tmpdir"),
                  "npipe4j-" + System.getProperty("user.name"));
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
      assertEquals(dir, PipeDirectory.socketDirectory().orElseThrow()); // the documented rule
    }
  }

  @Test
  void caseIsKept() throws Exception {
    String base = "\\\\.\\pipe\\Case-" + UUID.randomUUID();
    try (NamedPipeServer server = new ServerOptions().create(base)) {
      assertTrue(server.isOpen());
      assertThrows(
          java.nio.file.NoSuchFileException.class,
          () -> new ClientOptions().open(base.toLowerCase(java.util.Locale.ROOT)));
    }
  }

  @Test
  void anotherProcessOwnsItsPipeUntilItDies() throws Exception {
    String name = uniqueName();
    Process peer =
        new ProcessBuilder(UnixPeerMain.command(name))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      var out = new java.io.BufferedReader(new java.io.InputStreamReader(peer.getInputStream()));
      assertEquals("ready", out.readLine());
      // A client in this process reaches the other process's pipe.
      try (NamedPipeClient c = new ClientOptions().open(name, java.time.Duration.ofSeconds(30))) {
        writeAll(c, ascii("ping"));
        assertEquals("ping", new String(readExactly(c, 4), "US-ASCII"));
      }
      // Instances cannot span processes, first or not.
      assertThrows(
          java.nio.file.AccessDeniedException.class,
          () -> new ServerOptions().firstPipeInstance(true).create(name));
      assertThrows(
          java.nio.file.AccessDeniedException.class, () -> new ServerOptions().create(name));
    } finally {
      peer.destroyForcibly().waitFor();
    }
    // Killed without cleaning up: its socket file is stale and gets replaced.
    try (NamedPipeServer server = new ServerOptions().firstPipeInstance(true).create(name)) {
      var connected = server.connect();
      try (NamedPipeClient c = new ClientOptions().open(name)) {
        await(connected);
        writeAll(c, ascii("mine"));
        assertEquals("mine", new String(readExactly(server, 4), "US-ASCII"));
      }
    }
  }

  @Test
  void wholeMessageReadsOfAByteModePipeAreRefusedClearly() throws Exception {
    try (Pair p = connectedPair()) {
      assertThrows(UnsupportedOperationException.class, () -> p.server().readMessage());
    }
  }
}
