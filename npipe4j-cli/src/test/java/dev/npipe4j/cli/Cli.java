package dev.npipe4j.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** Runs the {@code npipe} command in-process with captured streams. */
final class Cli {
  private static final AtomicLong COUNTER = new AtomicLong();

  private Cli() {}

  /**
   * What a run produced.
   *
   * @param code the exit code
   * @param out stdout's bytes
   * @param err stderr as text
   */
  record Result(int code, byte[] out, String err) {
    String outText() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  /** Stderr captured from a command that is still running. */
  static final class Capture {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String text() {
      synchronized (stream) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }

    /** Waits until the text contains {@code s}, or fails after {@code millis}. */
    void await(String s, long millis) throws InterruptedException {
      long deadline = System.nanoTime() + millis * 1_000_000;
      while (!text().contains(s)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no '" + s + "' on stderr; got: " + text());
        }
        Thread.sleep(10);
      }
    }
  }

  static Result run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Capture err = new Capture();
    int code = Main.run(new Streams(new ByteArrayInputStream(stdin), out, err.stream), args);
    return new Result(code, out.toByteArray(), err.text());
  }

  static Result run(String... args) {
    return run(new byte[0], args);
  }

  /** A pipe name no other test uses, as a bare name. */
  static String uniqueName(String test) {
    return "npipe-cli-"
        + test
        + "-"
        + ProcessHandle.current().pid()
        + "-"
        + COUNTER.incrementAndGet()
        + "-"
        + Long.toHexString(System.nanoTime() & 0xFFFFFF);
  }
}
