package dev.npipe4j.windows.interop;

import static dev.npipe4j.windows.interop.NativePeers.await;
import static dev.npipe4j.windows.interop.NativePeers.modeArg;
import static dev.npipe4j.windows.interop.NativePeers.readMessage;
import static dev.npipe4j.windows.interop.NativePeers.writeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.NamedPipeServer;
import dev.npipe4j.PipeListener;
import dev.npipe4j.PipeMode;
import dev.npipe4j.ServerOptions;
import dev.npipe4j.windows.interop.NativePeers.Peer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An npipe4j echo server ({@link PipeListener}, one virtual thread per client) serving many
 * concurrent plain Win32 clients ({@code native/echo-client.c}), which check every echoed byte and,
 * in message mode, that each echo is one whole message of exactly the sent length.
 */
@EnabledOnOs(OS.WINDOWS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NativeClientsInteropTest {
  private static final int CLIENTS = 10;
  private static final int MESSAGES = 10;
  private static final int MIN_SIZE = 1;
  private static final int MAX_SIZE = 200_000;

  @ParameterizedTest
  @EnumSource(PipeMode.class)
  void npipe4jServerEchoesForNativeClients(PipeMode mode) throws Exception {
    String name = NativePeers.uniqueName("native-clients-" + modeArg(mode));
    long started = System.nanoTime();
    Queue<Throwable> serverErrors = new ConcurrentLinkedQueue<>();
    AtomicLong echoed = new AtomicLong();
    AtomicLong echoedMessages = new AtomicLong();
    List<Thread> handlers = new ArrayList<>();
    List<Peer> peers = new ArrayList<>();
    try (PipeListener listener = PipeListener.bind(name, new ServerOptions().pipeMode(mode))) {
      Thread acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      for (int i = 0; i < CLIENTS; i++) {
                        NamedPipeServer connected = await(listener.accept());
                        handlers.add(
                            Thread.ofVirtual()
                                .start(
                                    () ->
                                        serve(
                                            connected,
                                            mode,
                                            echoed,
                                            echoedMessages,
                                            serverErrors)));
                      }
                    } catch (Throwable e) {
                      serverErrors.add(e);
                    }
                  });
      long expectedTotal = 0;
      try {
        for (int c = 0; c < CLIENTS; c++) {
          long seed = 1000 + c;
          expectedTotal +=
              IntStream.of(NativePeers.sizes(MESSAGES, MIN_SIZE, MAX_SIZE, seed))
                  .asLongStream()
                  .sum();
          peers.add(
              Peer.start(
                  "echo-client.exe",
                  name,
                  modeArg(mode),
                  Integer.toString(MESSAGES),
                  Integer.toString(MIN_SIZE),
                  Integer.toString(MAX_SIZE),
                  Long.toString(seed)));
        }
        for (int c = 0; c < CLIENTS; c++) {
          Peer peer = peers.get(c);
          int rc = peer.waitFor(110);
          long expected =
              IntStream.of(NativePeers.sizes(MESSAGES, MIN_SIZE, MAX_SIZE, 1000 + c))
                  .asLongStream()
                  .sum();
          assertEquals(0, rc, peer.label() + " exit code; output " + peer.output());
          assertTrue(
              peer.output().contains("ok " + expected),
              peer.label() + ": expected 'ok " + expected + "', output " + peer.output());
        }
        acceptor.join(TimeUnit.SECONDS.toMillis(30));
        for (Thread handler : handlers) {
          handler.join(TimeUnit.SECONDS.toMillis(30));
        }
      } finally {
        peers.forEach(Peer::close);
      }
      assertTrue(serverErrors.isEmpty(), () -> "server errors: " + serverErrors);
      assertEquals(expectedTotal, echoed.get(), "bytes echoed by the npipe4j server");
      if (mode == PipeMode.MESSAGE) {
        assertEquals((long) CLIENTS * MESSAGES, echoedMessages.get(), "messages echoed");
      }
      System.out.printf(
          "interop %s: npipe4j server <- %d native clients x %d messages (%d..%d bytes):"
              + " %d bytes each way in %d ms%n",
          mode,
          CLIENTS,
          MESSAGES,
          MIN_SIZE,
          MAX_SIZE,
          expectedTotal,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
  }

  private static void serve(
      NamedPipeServer pipe,
      PipeMode mode,
      AtomicLong echoed,
      AtomicLong echoedMessages,
      Queue<Throwable> errors) {
    try (pipe) {
      if (mode == PipeMode.MESSAGE) {
        ByteBuffer msg;
        while ((msg = readMessage(pipe, 65536)) != null) {
          int len = msg.remaining();
          int written = await(pipe.write(msg));
          if (written != len) {
            throw new AssertionError("message write wrote " + written + " of " + len + " bytes");
          }
          echoed.addAndGet(len);
          echoedMessages.incrementAndGet();
        }
      } else {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        int n;
        while ((n = await(pipe.read(buf.clear()))) >= 0) {
          writeAll(pipe, buf.flip());
          echoed.addAndGet(n);
        }
      }
    } catch (Throwable e) {
      errors.add(e);
    }
  }
}
