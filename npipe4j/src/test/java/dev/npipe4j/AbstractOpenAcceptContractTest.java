package dev.npipe4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.ClosedChannelException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * How clients find and wait for a pipe, and how a {@link PipeListener} keeps one instance
 * listening: busy and missing pipes, timeouts, the instance limit and cancelled accepts.
 */
abstract class AbstractOpenAcceptContractTest extends PipeContractSupport {
  @Test
  void busyPipeWaitsForAFreeInstance() throws Exception {
    String name = uniqueName();
    try (Pair p = connectedPair(name, new ServerOptions().maxInstances(1), new ClientOptions())) {
      assertThrows(PipeBusyException.class, () -> new ClientOptions().open(name));
      CompletableFuture<NamedPipeClient> second =
          new ClientOptions().openAsync(name, Duration.ofSeconds(WAIT_SECONDS));
      p.server().disconnect();
      CompletableFuture<Void> connected = p.server().connect();
      try (NamedPipeClient c = await(second)) {
        await(connected);
        writeAll(c, ascii("second"));
        assertArrayEquals(ascii("second"), readExactly(p.server(), 6));
      }
    }
  }

  @Test
  void pipeNotFound() {
    String name = uniqueName();
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> new ClientOptions().open(name));
    assertNotEquals(0, ((PipeError) e).osError());
    assertThrows(
        NoSuchFileException.class, () -> new ClientOptions().open(name, Duration.ofSeconds(1)));
  }

  @Test
  void openWithATimeoutWaitsForThePipeToAppear() throws Exception {
    String name = uniqueName();
    CompletableFuture<NamedPipeClient> opening =
        new ClientOptions().openAsync(name, Duration.ofSeconds(WAIT_SECONDS));
    assertThrows(
        TimeoutException.class,
        () -> opening.get(pendingGrace().toMillis(), TimeUnit.MILLISECONDS));
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      CompletableFuture<Void> connected = server.connect();
      try (NamedPipeClient client = await(opening)) {
        await(connected);
        writeAll(client, ascii("late"));
        assertArrayEquals(ascii("late"), readExactly(server, 4));
      }
    }
  }

  /** The timeout of the tests that wait for it to pass. */
  private static final Duration SHORT = Duration.ofMillis(300);

  /** Generous: how much later than its timeout a wait may end (Wine schedules slowly at times). */
  private static final long SLACK_MILLIS = 3_000;

  private static void assertEndedAfterTheTimeout(long startNanos, Duration timeout) {
    long elapsed = System.nanoTime() - startNanos;
    assertTrue(
        elapsed >= timeout.toNanos(),
        () -> "gave up after " + elapsed / 1_000_000 + " ms, before the timeout of " + timeout);
    assertTrue(
        elapsed < timeout.toNanos() + SLACK_MILLIS * 1_000_000,
        () -> "gave up only after " + elapsed / 1_000_000 + " ms, for a timeout of " + timeout);
  }

  @Test
  void blockingOpenWaitsForThePipeToAppear() throws Exception {
    String name = uniqueName();
    CompletableFuture<NamedPipeClient> opened = new CompletableFuture<>();
    Thread opener =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    opened.complete(
                        new ClientOptions().open(name, Duration.ofSeconds(WAIT_SECONDS)));
                  } catch (Throwable e) {
                    opened.completeExceptionally(e);
                  }
                });
    Thread.sleep(pendingGrace().toMillis());
    assertFalse(opened.isDone(), "the open ended before the pipe existed");
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      CompletableFuture<Void> connected = server.connect();
      try (NamedPipeClient client = await(opened)) {
        await(connected);
        writeAll(client, ascii("late"));
        assertArrayEquals(ascii("late"), readExactly(server, 4));
      }
    }
    opener.join();
  }

  @Test
  void aMissingPipeTimesOutAtTheTimeoutBlockingAndAsync() throws Exception {
    String name = uniqueName();
    long start = System.nanoTime();
    assertThrows(NoSuchFileException.class, () -> new ClientOptions().open(name, SHORT));
    assertEndedAfterTheTimeout(start, SHORT);
    start = System.nanoTime();
    CompletableFuture<NamedPipeClient> opening = new ClientOptions().openAsync(name, SHORT);
    assertInstanceOf(NoSuchFileException.class, failure(opening));
    assertEndedAfterTheTimeout(start, SHORT);
  }

  @Test
  void aBusyPipeTimesOutAtTheTimeoutBlockingAndAsync() throws Exception {
    String name = uniqueName();
    try (Pair p = connectedPair(name, new ServerOptions().maxInstances(1), new ClientOptions())) {
      long start = System.nanoTime();
      assertThrows(PipeBusyException.class, () -> new ClientOptions().open(name, SHORT));
      assertEndedAfterTheTimeout(start, SHORT);
      start = System.nanoTime();
      CompletableFuture<NamedPipeClient> opening = new ClientOptions().openAsync(name, SHORT);
      assertInstanceOf(PipeBusyException.class, failure(opening));
      assertEndedAfterTheTimeout(start, SHORT);
      // The pair still works: the waits took nothing from it.
      writeAll(p.client(), ascii("still"));
      assertArrayEquals(ascii("still"), readExactly(p.server(), 5));
    }
  }

  @Test
  void aBlockingOpenOfABusyPipeGetsTheInstanceThatFrees() throws Exception {
    String name = uniqueName();
    try (Pair p = connectedPair(name, new ServerOptions().maxInstances(1), new ClientOptions())) {
      CompletableFuture<NamedPipeClient> second = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  second.complete(new ClientOptions().open(name, Duration.ofSeconds(WAIT_SECONDS)));
                } catch (Throwable e) {
                  second.completeExceptionally(e);
                }
              });
      Thread.sleep(pendingGrace().toMillis());
      assertFalse(second.isDone(), "the open of a busy pipe ended while it was busy");
      p.client().close();
      p.server().disconnect();
      CompletableFuture<Void> connected = p.server().connect();
      try (NamedPipeClient c = await(second)) {
        await(connected);
        writeAll(c, ascii("freed"));
        assertArrayEquals(ascii("freed"), readExactly(p.server(), 5));
      }
    }
  }

  @Test
  void aCancelledAsyncOpenStopsWaitingAndLeavesNoClient() throws Exception {
    String name = uniqueName();
    CompletableFuture<NamedPipeClient> opening =
        new ClientOptions().openAsync(name, Duration.ofSeconds(WAIT_SECONDS));
    Thread.sleep(pendingGrace().toMillis());
    assertTrue(opening.cancel(false));
    // The pipe appears after the cancel: no open may reach it.
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      CompletableFuture<Void> connected = server.connect();
      assertThrows(
          TimeoutException.class,
          () -> connected.get(pendingGrace().toMillis() * 2, TimeUnit.MILLISECONDS),
          "a client connected after its open was cancelled");
    }
  }

  @Test
  void anAsyncOpenCancelledAtAnyMomentLeavesNoClientConnected() throws Exception {
    String name = uniqueName();
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    int cancelled = 0;
    try (NamedPipeServer server = new ServerOptions().maxInstances(1).create(name)) {
      for (int round = 0; round < 40; round++) {
        CompletableFuture<Void> connected = server.connect();
        CompletableFuture<NamedPipeClient> opening =
            new ClientOptions().openAsync(name, Duration.ofSeconds(WAIT_SECONDS));
        long until = System.nanoTime() + random.nextLong(3_000_000);
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
        if (opening.cancel(false)) {
          cancelled++;
          // An open in flight may still connect; its client is closed at once: end of stream.
          try {
            connected.get(pendingGrace().toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(
                -1,
                await(server.read(java.nio.ByteBuffer.allocate(1))),
                "round " + round + ": a cancelled open left a client connected");
          } catch (TimeoutException nobodyCame) {
            connected.cancel(false);
          }
        } else {
          try (NamedPipeClient c = await(opening)) {
            await(connected);
            writeAll(c, ascii("x"));
            assertArrayEquals(ascii("x"), readExactly(server, 1));
          }
          assertEquals(-1, await(server.read(java.nio.ByteBuffer.allocate(1))));
        }
        server.disconnect();
      }
    }
    assertTrue(cancelled > 0, "no open was cancelled: the race was not run");
  }

  @Test
  void listenerAtTheInstanceLimitWaitsForAHandedOutInstanceToClose() throws Exception {
    String name = uniqueName();
    try (PipeListener listener = PipeListener.bind(name, new ServerOptions().maxInstances(1))) {
      CompletableFuture<NamedPipeServer> first = listener.accept();
      NamedPipeClient a = open(name);
      NamedPipeServer servedA = await(first);
      // The only allowed instance is handed out: the next accept waits rather than fails.
      CompletableFuture<NamedPipeServer> second = listener.accept();
      CompletableFuture<NamedPipeClient> b =
          new ClientOptions().openAsync(name, Duration.ofSeconds(WAIT_SECONDS));
      assertThrows(
          TimeoutException.class,
          () -> second.get(pendingGrace().toMillis(), TimeUnit.MILLISECONDS));
      writeAll(servedA, ascii("bye"));
      assertArrayEquals(ascii("bye"), readExactly(a, 3));
      a.close();
      servedA.close();
      try (NamedPipeServer servedB = await(second);
          NamedPipeClient clientB = await(b)) {
        writeAll(clientB, ascii("next"));
        assertArrayEquals(ascii("next"), readExactly(servedB, 4));
      }
    }
  }

  @Test
  void aCancelledAcceptIsTakenOverByTheNext() throws Exception {
    String name = uniqueName();
    try (PipeListener listener = PipeListener.bind(name, new ServerOptions())) {
      CompletableFuture<NamedPipeServer> cancelled = listener.accept();
      assertTrue(cancelled.cancel(false));
      CompletableFuture<NamedPipeServer> next = listener.accept();
      try (NamedPipeClient client = open(name);
          NamedPipeServer served = await(next)) {
        writeAll(client, ascii("ok"));
        assertArrayEquals(ascii("ok"), readExactly(served, 2));
      }
    }
  }

  /**
   * Accepts cancelled at random points while clients connect: each client is still served, once.
   * Cancelling while an instance is being handed over must neither drop it nor leave it waiting
   * behind a later accept, which would hang its client.
   */
  @Test
  void acceptsCancelledWhileClientsConnectLoseNoClient() throws Exception {
    String name = uniqueName();
    int clients = 60;
    ExecutorService opener = Executors.newSingleThreadExecutor();
    try (PipeListener listener = PipeListener.bind(name, new ServerOptions())) {
      Future<?> opening =
          opener.submit(
              () -> {
                for (int i = 0; i < clients; i++) {
                  try (NamedPipeClient c =
                      new ClientOptions().open(name, Duration.ofSeconds(WAIT_SECONDS))) {
                    writeAll(c, new byte[] {(byte) i});
                    assertArrayEquals(new byte[] {(byte) ~i}, readExactly(c, 1));
                  }
                }
                return null;
              });
      Random random = new Random(42);
      for (int served = 0; served < clients; ) {
        CompletableFuture<NamedPipeServer> accept = listener.accept();
        if (random.nextInt(3) == 0) {
          LockSupport.parkNanos(random.nextInt(200_000));
          if (accept.cancel(false)) {
            continue;
          }
        }
        try (NamedPipeServer s = await(accept)) {
          byte[] id = readExactly(s, 1);
          assertArrayEquals(new byte[] {(byte) served}, id, "clients in order, none lost");
          writeAll(s, new byte[] {(byte) ~id[0]});
          served++;
        }
      }
      await(opening);
    } finally {
      opener.shutdownNow();
    }
  }

  @Test
  void acceptAfterCloseFails() throws Exception {
    String name = uniqueName();
    PipeListener listener = PipeListener.bind(name, new ServerOptions());
    CompletableFuture<NamedPipeServer> pending = listener.accept();
    listener.close();
    Throwable e = failure(pending);
    assertTrue(
        e instanceof ClosedChannelException, () -> "expected a closed-channel failure: " + e);
    assertInstanceOf(ClosedChannelException.class, failure(listener.accept()));
  }
}
