package dev.npipe4j.unix.interop;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipe;
import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.NamedPipeServer;
import dev.npipe4j.PipeError;
import dev.npipe4j.PipeException;
import dev.npipe4j.PipeListener;
import dev.npipe4j.ServerOptions;
import dev.npipe4j.internal.PipeName;
import dev.npipe4j.internal.unix.SocketPaths;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * npipe4j against plain AF_UNIX peers it did not write: Python's socket module and http.server, and
 * socat. Byte for byte both ways, with SHA-256 over 100 MB.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class AbstractPlainPeersInteropTest {
  /** Each task on a thread of its own: the common pool has one worker on a 2-core machine. */
  private static final java.util.concurrent.Executor OWN_THREAD =
      task -> Thread.ofVirtual().start(task);

  private static final int BIG = 100 << 20;

  @TempDir Path dir;

  private Path socket(String what) {
    return dir.resolve(what + ".sock");
  }

  private static String sha256(MessageDigest d) {
    return HexFormat.of().formatHex(d.digest());
  }

  @Test
  void aClientOfASocketPathSendsNoByteOfItsOwn() throws Exception {
    Path path = socket("quiet");
    try (PlainPeers.Peer server = PlainPeers.python("unix_echo_server.py", path.toString())) {
      assertEquals("ready", server.line());
      try (NamedPipeClient c = new ClientOptions().open(path.toString())) {
        // The server records what arrives in its first 300 ms without a write of ours.
        assertEquals("first:0", server.line());
        c.outputStream().write(ascii("hi"));
        byte[] back = c.inputStream().readNBytes(2);
        assertArrayEquals(ascii("hi"), back);
      }
      assertTrue(server.line().startsWith("done:2:"));
    }
  }

  @Test
  void aClientEchoes100MiBThroughAPlainPythonServer() throws Exception {
    Path path = socket("echo");
    try (PlainPeers.Peer server = PlainPeers.python("unix_echo_server.py", path.toString());
        NamedPipeClient c = openWhenReady(server, path)) {
      MessageDigest sent = MessageDigest.getInstance("SHA-256");
      CompletableFuture<Void> writing =
          CompletableFuture.runAsync(
              () -> {
                try {
                  OutputStream out = c.outputStream();
                  Random rng = new Random(1);
                  byte[] block = new byte[1 << 16];
                  for (int left = BIG; left > 0; left -= block.length) {
                    rng.nextBytes(block);
                    sent.update(block);
                    out.write(block);
                  }
                  c.closeWrite();
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              },
              OWN_THREAD);
      MessageDigest received = MessageDigest.getInstance("SHA-256");
      long count = drain(c.inputStream(), received);
      writing.get(60, TimeUnit.SECONDS);
      assertEquals(BIG, count);
      String digest = sha256(sent);
      assertEquals(digest, sha256(received));
      assertTrue(server.line().startsWith("first:"));
      assertEquals("done:" + BIG + ":" + digest, server.line());
    }
  }

  @Test
  void aPlainPythonClientEchoes100MiBThroughAnNpipe4jServerOnAPipeName() throws Exception {
    String name = "\\\\.\\pipe\\interop-" + UUID.randomUUID();
    Path path = SocketPaths.resolve(PipeName.parse(name, false, true));
    echoForPythonClient(name, path);
  }

  @Test
  void aPlainPythonClientEchoes100MiBThroughAnNpipe4jServerOnASocketPath() throws Exception {
    Path path = socket("served");
    echoForPythonClient(path.toString(), path);
  }

  @Test
  void plainClientsBeyondTheLineWaitInTheKernelsBacklogAndAreAllServed() throws Exception {
    // More plain clients at once than the listener keeps in line for an instance (512 on libc, 128
    // on the JDK's channels): the rest wait in the kernel's backlog, and past that in a blocking
    // connect (platform threads: the JDK's virtual-thread connect reports the full backlog as
    // EAGAIN instead); none is accepted and then closed for want of room.
    int clients = 1000;
    Path path = socket("burst");
    try (PipeListener listener = PipeListener.bind(path.toString(), new ServerOptions())) {
      AtomicInteger connected = new AtomicInteger();
      List<CompletableFuture<String>> replies = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        String ping = String.format("p%07d", i);
        CompletableFuture<String> reply = new CompletableFuture<>();
        replies.add(reply);
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                    connected.incrementAndGet();
                    ch.write(ByteBuffer.wrap(ascii(ping)));
                    ByteBuffer back = ByteBuffer.allocate(ping.length());
                    while (back.hasRemaining() && ch.read(back) >= 0) {}
                    reply.complete(new String(back.array(), 0, back.position(), US_ASCII));
                  } catch (Throwable e) {
                    reply.completeExceptionally(e);
                  }
                });
      }
      // Let the line and the backlog fill before the first instance is served.
      for (int seen = -1; seen != connected.get(); ) {
        seen = connected.get();
        Thread.sleep(300);
      }
      for (int i = 0; i < clients; i++) {
        NamedPipeServer server;
        try {
          server = listener.accept().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          long ended = replies.stream().filter(CompletableFuture::isDone).count() - i;
          throw new AssertionError(
              i
                  + " of "
                  + clients
                  + " clients reached an instance; about "
                  + ended
                  + " saw their connection end without one",
              e);
        }
        Thread.ofVirtual()
            .start(
                () -> {
                  try (server) {
                    byte[] ping = server.inputStream().readNBytes(8);
                    server.outputStream().write(ping);
                  } catch (Exception ignored) {
                    // the client's side asserts the echo
                  }
                });
      }
      for (int i = 0; i < clients; i++) {
        assertEquals(String.format("p%07d", i), replies.get(i).get(30, TimeUnit.SECONDS));
      }
    }
  }

  private void echoForPythonClient(String name, Path path) throws Exception {
    try (PipeListener listener = PipeListener.bind(name, new ServerOptions())) {
      MessageDigest seen = MessageDigest.getInstance("SHA-256");
      CompletableFuture<Long> serving = serveOneEcho(listener, seen);
      try (PlainPeers.Peer client =
          PlainPeers.python("unix_client.py", path.toString(), String.valueOf(BIG))) {
        String report = client.line();
        long echoed = serving.get(60, TimeUnit.SECONDS);
        String digest = sha256(seen);
        assertEquals(BIG, echoed);
        assertEquals("sent:" + BIG + ":" + digest + " received:" + BIG + ":" + digest, report);
      }
    }
  }

  @Test
  void socatTalksToAnNpipe4jServer() throws Exception {
    String name = "\\\\.\\pipe\\socat-" + UUID.randomUUID();
    Path path = SocketPaths.resolve(PipeName.parse(name, false, true));
    try (PipeListener listener = PipeListener.bind(name, new ServerOptions())) {
      MessageDigest seen = MessageDigest.getInstance("SHA-256");
      CompletableFuture<Long> serving = serveOneEcho(listener, seen);
      byte[] data = new byte[1 << 20];
      new Random(2).nextBytes(data);
      try (PlainPeers.Peer socat = PlainPeers.socat("-t", "10", "-", "UNIX-CONNECT:" + path)) {
        CompletableFuture<Void> feeding =
            CompletableFuture.runAsync(
                () -> {
                  try (OutputStream in = socat.process.getOutputStream()) {
                    in.write(data);
                  } catch (Exception e) {
                    throw new RuntimeException(e);
                  }
                },
                OWN_THREAD);
        byte[] back = socat.process.getInputStream().readAllBytes();
        feeding.get(30, TimeUnit.SECONDS);
        assertEquals(data.length, serving.get(30, TimeUnit.SECONDS));
        assertArrayEquals(data, back);
      }
    }
  }

  @Test
  void http11OverAPlainUnixSocketToPythonsHttpServer() throws Exception {
    Path path = socket("http");
    try (PlainPeers.Peer server = PlainPeers.python("unix_http_server.py", path.toString());
        NamedPipeClient c = openWhenReady(server, path)) {
      OutputStream out = c.outputStream();
      InputStream in = c.inputStream();
      out.write(ascii("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n"));
      assertEquals("hello over a unix socket", Http.readResponse(in, 200));
      // Same connection: keep-alive.
      String body = "posted through npipe4j";
      out.write(
          ascii(
              "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body));
      assertEquals(body, Http.readResponse(in, 200));
    }
  }

  @Test
  void aLiveSocketIsNeverReportedMissingAndAStaleOneIsRefusedInItsOwnWords() throws Exception {
    Path stale = socket("stale");
    Process p =
        new ProcessBuilder(
                "python3",
                "-c",
                "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1)",
                stale.toString())
            .inheritIO()
            .start();
    assertEquals(0, p.waitFor());
    assertTrue(java.nio.file.Files.exists(stale), "python left its socket file");
    PipeException e =
        assertThrows(PipeException.class, () -> new ClientOptions().open(stale.toString()));
    // A PipeException, not the NoSuchFileException of a missing pipe.
    assertEquals(111, e.osError()); // ECONNREFUSED
    assertTrue(e.getMessage().contains("no process accepts"), e.getMessage());
    NoSuchFileException missing =
        assertThrows(
            NoSuchFileException.class, () -> new ClientOptions().open(socket("none").toString()));
    assertInstanceOf(PipeError.class, missing);
  }

  // ---------------------------------------------------------------- helpers

  private static NamedPipeClient openWhenReady(PlainPeers.Peer server, Path path) throws Exception {
    assertEquals("ready", server.line());
    return new ClientOptions().open(path.toString());
  }

  private static CompletableFuture<Long> serveOneEcho(PipeListener listener, MessageDigest seen) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (NamedPipeServer s = listener.accept().get(60, TimeUnit.SECONDS)) {
            return echo(s, seen);
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        },
        OWN_THREAD);
  }

  private static long echo(NamedPipe pipe, MessageDigest seen) throws Exception {
    InputStream in = pipe.inputStream();
    OutputStream out = pipe.outputStream();
    byte[] buf = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      seen.update(buf, 0, n);
      out.write(buf, 0, n);
      total += n;
    }
    return total;
  }

  private static long drain(InputStream in, MessageDigest d) throws Exception {
    byte[] buf = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      d.update(buf, 0, n);
      total += n;
    }
    return total;
  }

  static byte[] ascii(String s) {
    return s.getBytes(US_ASCII);
  }
}
