package dev.npipe4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.ReadPendingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every backend must show, written once: transfers, directions, instances,
 * disconnects, closing and bad input. Subclasses bind it to a backend and may override the hooks of
 * {@link PipeContractSupport}.
 */
abstract class AbstractPipeContractTest extends PipeContractSupport {
  // ---------------------------------------------------------------- ping/pong

  @Test
  void singleClientPingPong() throws Exception {
    try (Pair p = connectedPair()) {
      writeAll(p.client(), ascii("ping"));
      assertArrayEquals(ascii("ping"), readExactly(p.server(), 4));
      writeAll(p.server(), ascii("pong"));
      assertArrayEquals(ascii("pong"), readExactly(p.client(), 4));
    }
  }

  /** How a server instance answers one client: read "ping####", answer "pong####". */
  private interface Serve {
    void serve(NamedPipe pipe) throws Exception;
  }

  /** How a client runs one exchange. */
  private interface Exchange {
    byte[] exchange(NamedPipe pipe, byte[] ping) throws Exception;
  }

  private static byte[] pong(byte[] ping) {
    byte[] reply = ping.clone();
    System.arraycopy(ascii("pong"), 0, reply, 0, 4);
    return reply;
  }

  private void tenClients(Serve serve, Exchange exchange, boolean useListener) throws Exception {
    String name = uniqueName();
    ServerOptions options = new ServerOptions();
    List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread acceptor;
    AutoCloseable lifetime;
    if (useListener) {
      PipeListener listener = PipeListener.bind(name, options.firstPipeInstance(true));
      lifetime = listener;
      acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      for (int i = 0; i < CLIENTS; i++) {
                        NamedPipeServer connected = await(listener.accept());
                        Thread.ofVirtual().start(() -> serveAndClose(serve, connected, errors));
                      }
                    } catch (Exception e) {
                      errors.add(e);
                    }
                  });
    } else {
      NamedPipeServer first = options.firstPipeInstance(true).create(name);
      options.firstPipeInstance(false);
      NamedPipeServer[] holder = {first};
      lifetime = () -> holder[0].close();
      acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      for (int i = 0; i < CLIENTS; i++) {
                        await(holder[0].connect());
                        NamedPipeServer connected = holder[0];
                        holder[0] = options.create(name); // the next client can open now
                        Thread.ofVirtual().start(() -> serveAndClose(serve, connected, errors));
                      }
                    } catch (Exception e) {
                      errors.add(e);
                    }
                  });
    }
    try (lifetime) {
      List<CompletableFuture<byte[]>> replies = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        byte[] ping = ascii(String.format("ping%04d", i));
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        replies.add(reply);
        Thread.ofVirtual()
            .start(
                () -> {
                  try (NamedPipeClient c = open(name)) {
                    reply.complete(exchange.exchange(c, ping));
                  } catch (Throwable e) {
                    reply.completeExceptionally(e);
                  }
                });
      }
      for (int i = 0; i < CLIENTS; i++) {
        assertArrayEquals(ascii(String.format("pong%04d", i)), await(replies.get(i)));
      }
      assertTrue(acceptor.join(Duration.ofSeconds(WAIT_SECONDS)), "acceptor finished");
      assertTrue(errors.isEmpty(), () -> "server errors: " + errors);
    }
  }

  private static void serveAndClose(Serve serve, NamedPipeServer pipe, List<Throwable> errors) {
    try (pipe) {
      serve.serve(pipe);
    } catch (Throwable e) {
      errors.add(e);
    }
  }

  /** The server side of one exchange through the asynchronous API. */
  private static final Serve ASYNC_SERVE = pipe -> writeAll(pipe, pong(readExactly(pipe, 8)));

  /** The client side of one exchange through the asynchronous API. */
  private static final Exchange ASYNC_EXCHANGE =
      (pipe, ping) -> {
        writeAll(pipe, ping);
        return readExactly(pipe, 8);
      };

  @Test
  void tenConcurrentClientsWithAsyncReadsAndWrites() throws Exception {
    tenClients(ASYNC_SERVE, ASYNC_EXCHANGE, false);
  }

  @Test
  void tenConcurrentClientsWithReadinessApi() throws Exception {
    tenClients(
        pipe -> writeReady(pipe, pong(readReady(pipe, 8))),
        (pipe, ping) -> {
          writeReady(pipe, ping);
          return readReady(pipe, 8);
        },
        false);
  }

  @Test
  void tenConcurrentClientsThroughPipeListener() throws Exception {
    tenClients(ASYNC_SERVE, ASYNC_EXCHANGE, true);
  }

  // ---------------------------------------------------------------- directions

  @ParameterizedTest(name = "inbound={0} outbound={1}")
  @CsvSource({"true,true", "true,false", "false,true"})
  void directions(boolean inbound, boolean outbound) throws Exception {
    String name = uniqueName();
    ServerOptions options = new ServerOptions().accessInbound(inbound).accessOutbound(outbound);
    try (NamedPipeServer server = options.create(name)) {
      CompletableFuture<Void> connected = server.connect();
      assertThrows(
          TimeoutException.class,
          () -> connected.get(pendingGrace().toMillis(), TimeUnit.MILLISECONDS),
          "connect completed with no client");

      // Denied directions leave the instance free for a client that asks for the right ones.
      if (!inbound) {
        assertThrows(
            AccessDeniedException.class,
            () -> new ClientOptions().read(true).write(true).open(name));
        assertThrows(
            AccessDeniedException.class,
            () -> new ClientOptions().read(false).write(true).open(name));
      }
      if (!outbound) {
        assertThrows(
            AccessDeniedException.class,
            () -> new ClientOptions().read(true).write(true).open(name));
        assertThrows(
            AccessDeniedException.class,
            () -> new ClientOptions().read(true).write(false).open(name));
      }
      assertFalse(connected.isDone(), "a refused client connected the instance");

      try (NamedPipeClient client = new ClientOptions().read(outbound).write(inbound).open(name)) {
        await(connected);
        if (inbound) {
          writeAll(client, ascii("up"));
          assertArrayEquals(ascii("up"), readExactly(server, 2));
        } else {
          assertThrows(AccessDeniedException.class, () -> server.tryRead(ByteBuffer.allocate(8)));
          assertThrows(
              AccessDeniedException.class, () -> client.tryWrite(ByteBuffer.wrap(ascii("x"))));
        }
        if (outbound) {
          writeAll(server, ascii("down"));
          assertArrayEquals(ascii("down"), readExactly(client, 4));
        } else {
          assertThrows(
              AccessDeniedException.class, () -> server.tryWrite(ByteBuffer.wrap(ascii("x"))));
          assertThrows(AccessDeniedException.class, () -> client.tryRead(ByteBuffer.allocate(8)));
        }
      }
    }
  }

  // ---------------------------------------------------------------- instances

  @Test
  void firstPipeInstance() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer first = new ServerOptions().firstPipeInstance(true).create(name)) {
      assumeFirstPipeInstanceEnforced();
      AccessDeniedException e =
          assertThrows(
              AccessDeniedException.class,
              () -> new ServerOptions().firstPipeInstance(true).create(name));
      assertInstanceOf(PipeError.class, e);
      try (NamedPipeServer second = new ServerOptions().create(name)) {
        assertTrue(second.isOpen());
      }
      assertTrue(first.isOpen());
    }
    // Once every instance is gone the name is free again.
    new ServerOptions().firstPipeInstance(true).create(name).close();
  }

  @Test
  void maxInstances() throws Exception {
    String name = uniqueName();
    ServerOptions options = new ServerOptions().maxInstances(2);
    try (NamedPipeServer a = options.create(name);
        NamedPipeServer b = options.create(name)) {
      PipeBusyException busy = assertThrows(PipeBusyException.class, () -> options.create(name));
      assertNotEquals(0, busy.osError());
      assertEquals(2, a.info().maxInstances());
      assertTrue(b.isOpen());
    }
  }

  @Test
  void info() throws Exception {
    ServerOptions options = new ServerOptions().maxInstances(3);
    try (Pair p = connectedPair(uniqueName(), options, new ClientOptions())) {
      PipeInfo s = p.server().info();
      assertEquals(PipeMode.BYTE, s.mode());
      assertEquals(PipeEnd.SERVER, s.end());
      assertEquals(3, s.maxInstances());
      PipeInfo c = p.client().info();
      assertEquals(PipeMode.BYTE, c.mode());
      assertEquals(PipeEnd.CLIENT, c.end());
      assertEquals(3, c.maxInstances());
    }
  }

  // ---------------------------------------------------------------- connection lifecycle

  @Test
  void disconnectThenReconnectGetsTheNewClientsData() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      CompletableFuture<Void> first = server.connect();
      NamedPipeClient one = open(name);
      await(first);
      writeAll(one, ascii("one"));
      assertArrayEquals(ascii("one"), readExactly(server, 3));
      writeAll(server, ascii("bye"));

      server.disconnect();
      CompletableFuture<Void> second = server.connect();
      try (NamedPipeClient two = open(name)) {
        await(second);
        writeAll(two, ascii("two"));
        ByteBuffer buf = ByteBuffer.allocate(16);
        int n = await(server.read(buf));
        assertTrue(n > 0, "the first read after a reconnect returned " + n);
        assertArrayEquals(ascii("two"), readRest(server, buf, 3));
        writeAll(server, ascii("hi"));
        assertArrayEquals(ascii("hi"), readExactly(two, 2));
      }
      // The old client is cut off: a write fails within a few attempts.
      assertWritesFail(one);
      one.close();
    }
  }

  private static byte[] readRest(NamedPipe pipe, ByteBuffer buf, int n) throws Exception {
    while (buf.position() < n) {
      int r = await(pipe.read(buf));
      assertTrue(r > 0, "end of stream");
    }
    byte[] out = new byte[buf.position()];
    buf.flip().get(out);
    return out;
  }

  private static void assertWritesFail(NamedPipe pipe) throws Exception {
    for (int i = 0; i < 20; i++) {
      CompletableFuture<Integer> w = pipe.write(ByteBuffer.wrap(pattern(1024)));
      try {
        w.get(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        assertInstanceOf(IOException.class, e.getCause());
        assertInstanceOf(PipeError.class, e.getCause(), e.getCause().toString());
        return;
      }
    }
    fail("20 writes to a closed peer succeeded");
  }

  @Test
  void writeAfterPeerClosedFails() throws Exception {
    Pair p = connectedPair();
    try (p) {
      p.client().close();
      assertWritesFail(p.server());
    }
  }

  @Test
  void dataWrittenBeforeCloseArrivesThenEndOfStream() throws Exception {
    try (Pair p = connectedPair()) {
      writeAll(p.client(), ascii("last words"));
      p.client().close();
      assertArrayEquals(ascii("last words"), readExactly(p.server(), 10));
      assertEquals(-1, await(p.server().read(ByteBuffer.allocate(8))));
      assertEquals(-1, await(p.server().read(ByteBuffer.allocate(8))));
    }
  }

  @ParameterizedTest(name = "{0} bytes through {1}-byte buffers")
  @CsvSource({"8192,4000", "8192,128", "10000,4000", "10000,128"})
  void largeTransfersKeepEveryByte(int size, int bufferSize) throws Exception {
    try (Pair p = connectedPair()) {
      byte[] data = pattern(size);
      CompletableFuture<Void> up =
          CompletableFuture.runAsync(
              () -> {
                try {
                  writeAll(p.client(), data);
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      assertArrayEquals(data, readExactly(p.server(), size, bufferSize));
      await(up);
      byte[] back = pattern(size + 1);
      CompletableFuture<Void> down =
          CompletableFuture.runAsync(
              () -> {
                try {
                  writeAll(p.server(), back);
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      assertArrayEquals(back, readExactly(p.client(), size + 1, bufferSize));
      await(down);
    }
  }

  @Test
  void scatterGather() throws Exception {
    try (Pair p = connectedPair()) {
      byte[] data = pattern(3000);
      ByteBuffer[] srcs = {
        ByteBuffer.wrap(data, 0, 1000).slice(),
        ByteBuffer.wrap(data, 1000, 7).slice(),
        ByteBuffer.wrap(data, 1007, 1993).slice()
      };
      long written = 0;
      while (written < data.length) {
        await(p.client().writable());
        written += p.client().tryWrite(srcs);
      }
      assertEquals(data.length, written);
      ByteBuffer[] dsts = {
        ByteBuffer.allocate(10), ByteBuffer.allocate(1990), ByteBuffer.allocate(1000)
      };
      long read = 0;
      while (read < data.length) {
        await(p.server().readable());
        long n = p.server().tryRead(dsts);
        assertTrue(n >= 0, "end of stream");
        read += n;
      }
      ByteBuffer all = ByteBuffer.allocate(data.length);
      for (ByteBuffer d : dsts) {
        assertEquals(0, d.remaining(), "every buffer is filled in turn");
        all.put(d.flip());
      }
      assertArrayEquals(data, all.array());
    }
  }

  @Test
  void tryReadReturnsZeroWhenNothingIsThere() throws Exception {
    try (Pair p = connectedPair()) {
      assertEquals(0, p.server().tryRead(ByteBuffer.allocate(8)));
      assertEquals(0, p.server().tryRead(ByteBuffer.allocate(0)));
      assertEquals(0, p.client().tryWrite(ByteBuffer.allocate(0)));
    }
  }

  // ---------------------------------------------------------------- close and cancel

  @ParameterizedTest(name = "server side: {0}")
  @ValueSource(booleans = {true, false})
  void closeWithReadPendingFailsTheRead(boolean serverSide) throws Exception {
    try (Pair p = connectedPair()) {
      NamedPipe pipe = serverSide ? p.server() : p.client();
      CompletableFuture<Integer> read = pipe.read(ByteBuffer.allocate(16));
      assertFalse(read.isDone());
      pipe.close();
      assertInstanceOf(AsynchronousCloseException.class, failure(read));
      assertFalse(pipe.isOpen());
    }
  }

  @Test
  void closeWhileConnectPendingFailsTheConnect() throws Exception {
    NamedPipeServer server = new ServerOptions().create(uniqueName());
    CompletableFuture<Void> connected = server.connect();
    server.close();
    assertInstanceOf(ClosedChannelException.class, failure(connected));
  }

  @Test
  void cancelledReadLosesNothing() throws Exception {
    try (Pair p = connectedPair()) {
      CompletableFuture<Integer> read = p.server().read(ByteBuffer.allocate(16));
      assertTrue(read.cancel(true));
      assertThrows(CancellationException.class, read::join);
      writeAll(p.client(), ascii("hello"));
      assertArrayEquals(ascii("hello"), readExactly(p.server(), 5));
    }
  }

  @Test
  void connectIsCancelSafe() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      assertTrue(server.connect().cancel(true));
      CompletableFuture<Void> again = server.connect();
      try (NamedPipeClient client = open(name)) {
        await(again);
        writeAll(client, ascii("ok"));
        assertArrayEquals(ascii("ok"), readExactly(server, 2));
        await(server.connect()); // connected: completes at once
      }
    }
  }

  @Test
  void readPendingException() throws Exception {
    try (Pair p = connectedPair()) {
      CompletableFuture<Integer> first = p.server().read(ByteBuffer.allocate(4));
      assertThrows(ReadPendingException.class, () -> p.server().read(ByteBuffer.allocate(4)));
      writeAll(p.client(), ascii("x"));
      assertEquals(1, await(first));
    }
  }

  @Test
  void readyAfterCloseFails() throws Exception {
    Pair p = connectedPair();
    p.close();
    assertInstanceOf(ClosedChannelException.class, failure(p.server().ready(Interest.READABLE)));
    assertInstanceOf(ClosedChannelException.class, failure(p.client().writable()));
    assertThrows(ClosedChannelException.class, () -> p.client().tryRead(ByteBuffer.allocate(1)));
  }

  @Test
  void closeIsIdempotent() throws Exception {
    Pair p = connectedPair();
    p.close();
    p.close();
    assertFalse(p.server().isOpen());
    assertFalse(p.client().isOpen());
  }

  // ---------------------------------------------------------------- other views

  @Test
  void streams() throws Exception {
    try (Pair p = connectedPair()) {
      OutputStream out = p.client().outputStream();
      InputStream in = p.server().inputStream();
      byte[] data = pattern(20_000);
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      out.write(data);
                      out.flush();
                    } catch (IOException e) {
                      throw new RuntimeException(e);
                    }
                  });
      assertArrayEquals(data, in.readNBytes(data.length));
      assertTrue(writer.join(Duration.ofSeconds(WAIT_SECONDS)));
      out.close(); // closes the client
      assertEquals(-1, in.read());
    }
  }

  @Test
  void blockingChannel() throws Exception {
    try (Pair p = connectedPair()) {
      ByteChannel server = p.server().blockingChannel();
      ByteChannel client = p.client().blockingChannel();
      assertEquals(5, client.write(ByteBuffer.wrap(ascii("hello"))));
      ByteBuffer buf = ByteBuffer.allocate(5);
      while (buf.hasRemaining()) {
        assertTrue(server.read(buf) > 0);
      }
      assertArrayEquals(ascii("hello"), buf.array());
      assertTrue(server.isOpen());
    }
  }

  @Test
  void completionHandlers() throws Exception {
    try (Pair p = connectedPair()) {
      CompletableFuture<Integer> wrote = new CompletableFuture<>();
      CompletableFuture<String> attachmentSeen = new CompletableFuture<>();
      p.client()
          .write(
              ByteBuffer.wrap(ascii("abc")),
              "att",
              new CompletionHandler<Integer, String>() {
                @Override
                public void completed(Integer result, String attachment) {
                  attachmentSeen.complete(attachment);
                  wrote.complete(result);
                }

                @Override
                public void failed(Throwable exc, String attachment) {
                  wrote.completeExceptionally(exc);
                }
              });
      assertEquals(3, await(wrote));
      assertEquals("att", await(attachmentSeen));
      ByteBuffer buf = ByteBuffer.allocate(3);
      CompletableFuture<Integer> read = new CompletableFuture<>();
      p.server().read(buf, null, handler(read));
      int n = await(read);
      assertTrue(n > 0);
      p.server().close();
      CompletableFuture<Integer> failed = new CompletableFuture<>();
      p.server().read(ByteBuffer.allocate(1), null, handler(failed));
      assertInstanceOf(ClosedChannelException.class, failure(failed));
    }
  }

  private static CompletionHandler<Integer, Object> handler(CompletableFuture<Integer> f) {
    return new CompletionHandler<>() {
      @Override
      public void completed(Integer result, Object attachment) {
        f.complete(result);
      }

      @Override
      public void failed(Throwable exc, Object attachment) {
        f.completeExceptionally(exc);
      }
    };
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void nullNamesAreRejected() {
    assertThrows(NullPointerException.class, () -> new ServerOptions().create(null));
    assertThrows(NullPointerException.class, () -> new ClientOptions().open(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "foo", "\\\\.\\pipe\\", "\\\\.\\notpipe\\x", "\\\\.\\pipe\\a\0b"})
  void malformedNamesAreRejected(String name) {
    assertThrows(IllegalArgumentException.class, () -> new ServerOptions().create(name));
    assertThrows(IllegalArgumentException.class, () -> new ClientOptions().open(name));
  }

  @Test
  void overlongNameIsRejected() {
    String name = "\\\\.\\pipe\\" + "x".repeat(257 - 9);
    assertEquals(257, name.length());
    assertThrows(IllegalArgumentException.class, () -> new ServerOptions().create(name));
    assertThrows(IllegalArgumentException.class, () -> new ClientOptions().open(name));
  }

  @Test
  void badOptionsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new ServerOptions().maxInstances(0));
    assertThrows(IllegalArgumentException.class, () -> new ServerOptions().maxInstances(255));
    String name = uniqueName();
    assertThrows(
        IllegalArgumentException.class,
        () -> new ServerOptions().accessInbound(false).accessOutbound(false).create(name));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ClientOptions().read(false).write(false).open(name));
    assertThrows(NullPointerException.class, () -> new ServerOptions().pipeMode(null));
    assertThrows(IllegalArgumentException.class, () -> new ServerOptions().inBufferSize(-1));
    assertThrows(IllegalArgumentException.class, () -> new ServerOptions().outBufferSize(-1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ServerOptions().defaultTimeout(Duration.ofMillis(-1)));
    assertThrows(
        IllegalArgumentException.class, () -> new ClientOptions().securityQosFlags(0x0000_0001));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ServerOptions()
                .securityDescriptor("D:P(A;;GA;;;OW)")
                .currentUserOnly(true)
                .create(name));
    assertNull(
        assertThrows(NoSuchFileException.class, () -> new ClientOptions().open(name))
            .getOtherFile());
    assertSame(PipeMode.BYTE, PipeMode.valueOf("BYTE"));
  }
}
