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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ClientOptions.currentUserOnly} against a server of another user: a plain Python server
 * that becomes {@code nobody} before it listens. That needs root; elsewhere the refusal test is
 * skipped, naming why, and the tests of the current user's servers still run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class AbstractCurrentUserOnlyInteropTest {
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

  private static long openFileDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  @Test
  void aServerOfAnotherUserIsRefusedAndNothingStaysOpen() throws Exception {
    Path socket = dir.resolve("other.sock");
    try (PlainPeers.Peer server =
        PlainPeers.python("unix_other_user_server.py", socket.toString(), OTHER_USER)) {
      String ready = server.line();
      org.junit.jupiter.api.Assumptions.assumeTrue(
          ready.startsWith("ready "),
          () -> "needs a second user to run the server as (root can become one): " + ready);
      long otherUid = Long.parseLong(ready.substring("ready ".length()));
      String me = System.getProperty("user.name");
      ClientOptions guarded = new ClientOptions().currentUserOnly(true);
      long before = openFileDescriptors();
      for (int i = 0; i < 25; i++) {
        PipeAccessDeniedException e =
            assertThrows(PipeAccessDeniedException.class, () -> guarded.open(socket.toString()));
        assertInstanceOf(AccessDeniedException.class, e);
        String m = e.getMessage();
        assertTrue(m.startsWith(socket + ": currentUserOnly: the server runs as nobody"), m);
        assertTrue(m.contains(", not the current user " + me), m);
        assertOtherUserNamed(m, otherUid);
        assertEquals(13, e.osError(), "EACCES");
        // The server saw a client that left without a byte.
        assertEquals("got 0", server.line());
      }
      long after = openFileDescriptors();
      assertTrue(
          after <= before + 3, "descriptors before " + before + ", after 25 refusals " + after);

      // The refusal is the option's doing: without it the same server is reached.
      try (NamedPipeClient plain = new ClientOptions().open(socket.toString())) {
        plain.outputStream().write("hello".getBytes(US_ASCII));
      }
      assertEquals("got 5", server.line());
    }
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
  void aPlainServerOfThisUserIsAdmitted() throws Exception {
    Path socket = dir.resolve("echo.sock");
    try (PlainPeers.Peer server = PlainPeers.python("unix_echo_server.py", socket.toString())) {
      assertEquals("ready", server.line());
      try (NamedPipeClient c = new ClientOptions().currentUserOnly(true).open(socket.toString())) {
        assertEquals("first:0", server.line());
        c.outputStream().write("hi".getBytes(US_ASCII));
        assertArrayEquals("hi".getBytes(US_ASCII), c.inputStream().readNBytes(2));
      }
    }
  }
}
