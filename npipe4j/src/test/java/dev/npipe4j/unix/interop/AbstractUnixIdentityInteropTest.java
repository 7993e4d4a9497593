package dev.npipe4j.unix.interop;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.NamedPipeServer;
import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.ServerOptions;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Identity on Unix: {@code ClientOptions.currentUserOnly} against a server of another user (a plain
 * Python server that becomes {@code nobody} before it listens; that needs root, and elsewhere the
 * refusal test is skipped, naming why, while the tests of the current user's servers still run),
 * and impersonation, which Unix does not have.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class AbstractUnixIdentityInteropTest {
  /** The longest wait for a line of a peer. */
  private static final long LINE_SECONDS = 10;

  /** The second user the Python server becomes. */
  private static final String OTHER_USER = "nobody";

  private Path dir;

  @BeforeEach
  void openDirectory() throws IOException {
    // Not @TempDir: the other user must be able to enter the directory and bind in it.
    dir = Files.createTempDirectory("npipe4j-users-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
  }

  @AfterEach
  void removeDirectory() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** This process's open descriptors and what each refers to. */
  private static Map<String, String> openFileDescriptors() throws IOException {
    Map<String, String> open = new TreeMap<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          open.put(fd.getFileName().toString(), Files.readSymbolicLink(fd).toString());
        } catch (IOException gone) {
          // closed while listing (the listing's own descriptor among them)
        }
      }
    }
    return open;
  }

  @Test
  void aServerOfAnotherUserIsRefusedAndNothingStaysOpen() throws Exception {
    Path socket = dir.resolve("other.sock");
    try (PlainPeers.Peer server =
        PlainPeers.python("unix_other_user_server.py", socket.toString(), OTHER_USER)) {
      String ready = server.line(LINE_SECONDS);
      Assumptions.assumeTrue(
          ready.startsWith("ready "),
          () -> "needs a second user to run the server as (root can become one): " + ready);
      long otherUid = Long.parseLong(ready.substring("ready ".length()));
      String me = System.getProperty("user.name");
      ClientOptions guarded = new ClientOptions().currentUserOnly(true);
      Map<String, String> before = null;
      for (int i = 0; i <= 25; i++) {
        if (i == 1) {
          before = openFileDescriptors(); // after the first open made what a backend makes once
        }
        PipeAccessDeniedException e =
            assertThrows(PipeAccessDeniedException.class, () -> guarded.open(socket.toString()));
        assertInstanceOf(AccessDeniedException.class, e);
        String m = e.getMessage();
        assertTrue(m.startsWith(socket + ": currentUserOnly: the server runs as nobody"), m);
        assertTrue(m.contains(", not the current user " + me), m);
        assertOtherUserNamed(m, otherUid);
        assertEquals(13, e.osError(), "EACCES");
        // The server saw a client that left without a byte.
        assertEquals("got 0", server.line(LINE_SECONDS));
      }
      // The JDK backend's selector thread releases a closed channel's descriptor on its next
      // round (the JDK defers that for a registered channel), so give it a moment to come round.
      Map<String, String> added = addedSince(Objects.requireNonNull(before));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (added.size() > 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
        added = addedSince(before);
      }
      Map<String, String> left = added;
      assertTrue(left.size() <= 3, () -> "descriptors opened by 25 refusals: " + left);

      // The refusal is the option's doing: without it the same server is reached.
      try (NamedPipeClient plain = new ClientOptions().open(socket.toString())) {
        plain.outputStream().write("hello".getBytes(US_ASCII));
      }
      assertEquals("got 5", server.line(LINE_SECONDS));
    }
  }

  /** The descriptors open now that were not in {@code before}. */
  private static Map<String, String> addedSince(Map<String, String> before) throws IOException {
    Map<String, String> added = new TreeMap<>(openFileDescriptors());
    added.keySet().removeAll(before.keySet());
    return added;
  }

  /** How the backend names the other user beyond its name. */
  abstract void assertOtherUserNamed(String message, long otherUid);

  @Test
  void aServerOfThisUserIsAdmittedByPipeNameAndBySocketPath() throws Exception {
    String name = "\\\\.\\pipe\\npipe4j-users-" + UUID.randomUUID();
    for (String target : new String[] {name, dir.resolve("mine.sock").toString()}) {
      try (NamedPipeServer server = new ServerOptions().create(target)) {
        CompletableFuture<Void> connected = server.connect();
        try (NamedPipeClient client = new ClientOptions().currentUserOnly(true).open(target)) {
          connected.get(10, TimeUnit.SECONDS);
          client.outputStream().write("ping".getBytes(US_ASCII));
          assertArrayEquals("ping".getBytes(US_ASCII), server.inputStream().readNBytes(4));
        }
      }
    }
  }

  @Test
  void impersonationIsRefusedClearly() throws Exception {
    String name = "\\\\.\\pipe\\npipe4j-users-" + UUID.randomUUID();
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      CompletableFuture<Void> connected = server.connect();
      try (NamedPipeClient client = new ClientOptions().open(name)) {
        connected.get(10, TimeUnit.SECONDS);
        boolean[] ran = {false};
        UnsupportedOperationException e =
            assertThrows(
                UnsupportedOperationException.class, () -> server.impersonate(() -> ran[0] = true));
        assertTrue(e.getMessage().contains("Windows"), e.getMessage());
        assertTrue(e.getMessage().contains("peerCredentials()"), e.getMessage());
        assertTrue(!ran[0], "the action ran");
        assertTrue(client.isOpen());
      }
    }
  }

  @Test
  void aPlainServerOfThisUserIsAdmitted() throws Exception {
    Path socket = dir.resolve("echo.sock");
    try (PlainPeers.Peer server = PlainPeers.python("unix_echo_server.py", socket.toString())) {
      assertEquals("ready", server.line(LINE_SECONDS));
      try (NamedPipeClient c = new ClientOptions().currentUserOnly(true).open(socket.toString())) {
        assertEquals("first:0", server.line(LINE_SECONDS));
        c.outputStream().write("hi".getBytes(US_ASCII));
        assertArrayEquals("hi".getBytes(US_ASCII), c.inputStream().readNBytes(2));
      }
    }
  }
}
