package dev.npipe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@code npipe} command running in-process on its own thread, with captured streams. */
final class Running {
  final Cli.Capture err = new Cli.Capture();
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final AtomicInteger code = new AtomicInteger(Integer.MIN_VALUE);
  private final Thread thread;

  Running(InputStream in, String... args) {
    Streams streams = new Streams(in, out, err.stream);
    thread = Thread.ofPlatform().start(() -> code.set(Main.run(streams, args)));
  }

  /** Starts {@code serve} and waits for its "listening on" line. */
  static Running server(String... args) throws InterruptedException {
    Running r = new Running(new ByteArrayInputStream(new byte[0]), args);
    r.err.await("listening on ", 20_000);
    return r;
  }

  String outText() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Waits until stdout holds at least {@code n} bytes, or fails after {@code millis}. */
  void awaitOut(int n, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (out.size() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("stdout has " + out.size() + " of " + n + " bytes; " + err.text());
      }
      Thread.sleep(10);
    }
  }

  boolean isRunning() {
    return thread.isAlive();
  }

  /** Waits for the command to end by itself and returns its exit code. */
  int await(long millis) throws InterruptedException {
    thread.join(millis);
    assertFalse(thread.isAlive(), "still running after " + millis + " ms; stderr: " + err.text());
    return code.get();
  }

  /** Interrupts the command, as {@code serve}'s stop, and checks it exits 0. */
  void stop() throws InterruptedException {
    thread.interrupt();
    thread.join(20_000);
    assertEquals(ExitCodes.OK, code.get(), err.text());
  }
}
