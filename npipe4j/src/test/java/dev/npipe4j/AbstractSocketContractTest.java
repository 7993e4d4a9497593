package dev.npipe4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@link java.net.Socket} contract of {@link NamedPipeSocket} against an npipe4j server:
 * streams, read timeouts that lose nothing, half-closes, and a close or an interrupt that ends a
 * blocked read.
 */
abstract class AbstractSocketContractTest extends PipeContractSupport {
  /** Hook: options for a server whose pipes support the socket's shutdownOutput. */
  protected abstract ServerOptions socketServer();

  /** A server instance and a socket connected to it. */
  protected record SocketPair(NamedPipeServer server, NamedPipeSocket socket)
      implements AutoCloseable {
    @Override
    public void close() throws IOException {
      socket.close();
      server.close();
    }
  }

  protected SocketPair socketPair() throws Exception {
    String name = uniqueName();
    NamedPipeServer server = socketServer().create(name);
    CompletableFuture<Void> connected = server.connect();
    NamedPipeSocket socket = new NamedPipeSocket();
    socket.connect(NamedPipeSocketAddress.of(name), (int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    await(connected);
    return new SocketPair(server, socket);
  }

  /** Starts a read of one byte on a virtual thread; the future holds its result or failure. */
  private static CompletableFuture<Integer> readInBackground(InputStream in) {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                result.complete(in.read());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  @Test
  void bytesFlowBothWaysThroughTheStreams() throws Exception {
    try (SocketPair p = socketPair()) {
      Socket s = p.socket();
      assertTrue(s.isConnected());
      assertTrue(s.isBound());
      assertFalse(s.isClosed());
      assertEquals(NamedPipeSocketAddress.of(p.server().name()), s.getRemoteSocketAddress());
      // More than the pipe holds: the write blocks until the server has read enough.
      byte[] big = pattern(1_000_000);
      CompletableFuture<byte[]> received = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  received.complete(readExactly(p.server(), big.length, 65536));
                } catch (Throwable e) {
                  received.completeExceptionally(e);
                }
              });
      s.getOutputStream().write(big);
      assertArrayEquals(big, await(received));
      writeAll(p.server(), ascii("pong"));
      assertArrayEquals(ascii("pong"), s.getInputStream().readNBytes(4));
      assertEquals(s.getInputStream(), s.getInputStream(), "one stream per socket");
    }
  }

  @Test
  void aReadThatTimesOutLosesNothing() throws Exception {
    try (SocketPair p = socketPair()) {
      Socket s = p.socket();
      s.setSoTimeout(200);
      assertEquals(200, s.getSoTimeout());
      InputStream in = s.getInputStream();
      long start = System.nanoTime();
      assertThrows(SocketTimeoutException.class, in::read);
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(waited >= 150, "timed out after " + waited + " ms, before the 200 ms timeout");
      assertTrue(s.isConnected() && !s.isClosed(), "a timeout leaves the socket usable");
      writeAll(p.server(), ascii("x"));
      assertEquals('x', in.read());
      assertThrows(SocketTimeoutException.class, () -> in.read(new byte[8]));
      writeAll(p.server(), ascii("yz"));
      s.setSoTimeout(0);
      assertArrayEquals(ascii("yz"), in.readNBytes(2));
    }
  }

  @Test
  void shutdownOutputIsEndOfStreamForThePeerWhichStillAnswers() throws Exception {
    try (SocketPair p = socketPair()) {
      Socket s = p.socket();
      OutputStream out = s.getOutputStream();
      out.write(ascii("request"));
      s.shutdownOutput();
      assertTrue(s.isOutputShutdown());
      assertThrows(SocketException.class, s::getOutputStream);
      assertThrows(SocketException.class, s::shutdownOutput);
      assertThrows(SocketException.class, () -> out.write(1));
      assertArrayEquals(ascii("request"), p.server().inputStream().readAllBytes());
      p.server().outputStream().write(ascii("answer"));
      p.server().close();
      assertArrayEquals(ascii("answer"), s.getInputStream().readAllBytes());
    }
  }

  @Test
  void shutdownInputEndsABlockedRead() throws Exception {
    try (SocketPair p = socketPair()) {
      Socket s = p.socket();
      InputStream in = s.getInputStream();
      CompletableFuture<Integer> blocked = readInBackground(in);
      Thread.sleep(pendingGrace().toMillis());
      assertFalse(blocked.isDone(), "the read waits for data");
      s.shutdownInput();
      assertEquals(-1, await(blocked));
      assertTrue(s.isInputShutdown());
      writeAll(p.server(), ascii("ignored"));
      assertEquals(-1, in.read());
      assertThrows(SocketException.class, s::getInputStream);
      // The other direction is untouched.
      s.getOutputStream().write(ascii("out"));
      assertArrayEquals(ascii("out"), readExactly(p.server(), 3));
    }
  }

  @Test
  void closeFromAnotherThreadEndsABlockedRead() throws Exception {
    try (SocketPair p = socketPair()) {
      Socket s = p.socket();
      CompletableFuture<Integer> blocked = readInBackground(s.getInputStream());
      Thread.sleep(pendingGrace().toMillis());
      assertFalse(blocked.isDone(), "the read waits for data");
      s.close();
      Throwable e = failure(blocked);
      assertTrue(e instanceof SocketException, "a close gives SocketException, not " + e);
      assertTrue(s.isClosed());
      assertTrue(s.isConnected(), "closing keeps the connected state, as java.net.Socket does");
      assertThrows(SocketException.class, s::getInputStream);
      assertThrows(SocketException.class, () -> s.setTcpNoDelay(true));
      assertFalse(p.socket().pipe().isOpen(), "closing the socket closes its pipe");
      s.close(); // idempotent
    }
  }

  @Test
  void anInterruptClosesTheSocket() throws Exception {
    try (SocketPair p = socketPair()) {
      Socket s = p.socket();
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      Thread reader =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      s.getInputStream().read();
                      outcome.complete(null);
                    } catch (Throwable e) {
                      outcome.complete(e);
                    }
                  });
      Thread.sleep(pendingGrace().toMillis());
      reader.interrupt();
      Throwable e = await(outcome);
      assertTrue(e instanceof SocketException, "an interrupt gives SocketException, not " + e);
      assertTrue(s.isClosed());
    }
  }

  @Test
  void theServerClosingIsEndOfStream() throws Exception {
    try (SocketPair p = socketPair()) {
      writeAll(p.server(), ascii("last"));
      p.server().close();
      assertArrayEquals(ascii("last"), p.socket().getInputStream().readAllBytes());
      assertEquals(-1, p.socket().getInputStream().read());
    }
  }

  @Test
  void aSocketOverAnOpenClientOwnsIt() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = socketServer().create(name)) {
      CompletableFuture<Void> connected = server.connect();
      NamedPipeClient client = open(name);
      await(connected);
      try (NamedPipeSocket s = new NamedPipeSocket(client)) {
        assertTrue(s.isConnected());
        assertEquals(client, s.pipe());
        s.getOutputStream().write(ascii("hi"));
        assertArrayEquals(ascii("hi"), readExactly(server, 2));
      }
      assertFalse(client.isOpen());
      assertThrows(SocketException.class, () -> new NamedPipeSocket(client));
    }
  }
}
