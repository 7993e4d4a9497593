package dev.npipe4j.windows.interop;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.fail;

import dev.npipe4j.NamedPipe;
import dev.npipe4j.PipeMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts the plain Win32 peers built by {@code scripts/build-native.sh} ({@code native/*.c}, into
 * {@code build/native}) and mirrors what the Java side must know of them.
 *
 * <p>The directory comes from the system property {@code npipe4j.native.dir} (set by {@code
 * scripts/test-windows.sh}), else {@code build/native} or {@code ../build/native} from the working
 * directory. A missing program fails the test: it is never skipped.
 */
final class NativePeers {
  /** The programs' own watchdog, in seconds: below the tests' timeouts, so a hung peer reports. */
  static final int PEER_TIMEOUT_SECONDS = 100;

  private static final AtomicLong COUNTER = new AtomicLong();

  private NativePeers() {}

  /** A pipe name unique across processes and runs: the process id, the clock and a counter. */
  static String uniqueName(String what) {
    return "\\\\.\\pipe\\npipe4j-interop-"
        + what
        + "-"
        + ProcessHandle.current().pid()
        + "-"
        + System.nanoTime()
        + "-"
        + COUNTER.incrementAndGet();
  }

  static String modeArg(PipeMode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  static Path program(String exe) {
    String configured = System.getProperty("npipe4j.native.dir");
    List<Path> candidates =
        configured != null
            ? List.of(Path.of(configured))
            : List.of(Path.of("build", "native"), Path.of("..", "build", "native"));
    for (Path dir : candidates) {
      Path p = dir.resolve(exe);
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath();
      }
    }
    return fail(
        exe
            + " not found in "
            + candidates.stream().map(p -> p.toAbsolutePath().toString()).toList()
            + " (npipe4j.native.dir="
            + configured
            + "): build the native interop peers with scripts/build-native.sh"
            + " (needs x86_64-w64-mingw32-gcc, installed by scripts/setup-windows.sh)");
  }

  /**
   * The sizes echo-client.exe sends: message 0 has {@code min} bytes, message 1 {@code max}, the
   * others splitmix64-chosen sizes in [min, max].
   */
  static int[] sizes(int count, int min, int max, long seed) {
    int[] sizes = new int[count];
    long[] state = {seed};
    for (int i = 0; i < count; i++) {
      sizes[i] =
          i == 0
              ? min
              : i == 1
                  ? max
                  : (int) (min + Long.remainderUnsigned(splitmix64(state), max - min + 1));
    }
    return sizes;
  }

  static long splitmix64(long[] state) {
    long z = (state[0] += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static <T> T await(CompletableFuture<T> f) throws Exception {
    try {
      return f.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  static void writeAll(NamedPipe pipe, ByteBuffer src) throws Exception {
    while (src.hasRemaining()) {
      await(pipe.write(src));
    }
  }

  /**
   * Reads one whole message in message read mode: a first read into {@code initial} bytes, then
   * more while {@link NamedPipe#messageBytesRemaining()} says the message goes on.
   *
   * @return the message, flipped; null at end of stream before any byte of it
   */
  static ByteBuffer readMessage(NamedPipe pipe, int initial) throws Exception {
    ByteBuffer msg = ByteBuffer.allocate(initial);
    if (await(pipe.read(msg)) < 0) {
      return null;
    }
    int remaining;
    while ((remaining = pipe.messageBytesRemaining()) > 0) {
      if (msg.remaining() < remaining) {
        ByteBuffer grown = ByteBuffer.allocate(msg.position() + remaining);
        msg = grown.put(msg.flip());
      }
      if (await(pipe.read(msg)) < 0) {
        throw new IOException(
            "end of stream inside a message, after "
                + msg.position()
                + " bytes with "
                + remaining
                + " remaining");
      }
    }
    return msg.flip();
  }

  /** A running native peer whose output (stdout and stderr) is collected line by line. */
  static final class Peer implements AutoCloseable {
    private final String label;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private Peer(String label, Process process) {
      this.label = label;
      this.process = process;
      this.reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (BufferedReader in =
                        new BufferedReader(
                            new InputStreamReader(process.getInputStream(), US_ASCII))) {
                      String line;
                      while ((line = in.readLine()) != null) {
                        synchronized (lines) {
                          lines.add(line.strip());
                          lines.notifyAll();
                        }
                      }
                    } catch (IOException e) {
                      synchronized (lines) {
                        lines.add("<output read failed: " + e + ">");
                        lines.notifyAll();
                      }
                    }
                  });
    }

    static Peer start(String exe, String... args) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(program(exe).toString());
      command.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().put("NPIPE4J_NATIVE_TIMEOUT", Integer.toString(PEER_TIMEOUT_SECONDS));
      return new Peer(exe + " " + String.join(" ", args), pb.start());
    }

    /** Waits until the peer prints {@code line}; fails if it exits or times out first. */
    void awaitLine(String line, long timeoutSeconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      synchronized (lines) {
        while (!lines.contains(line)) {
          long left = deadline - System.nanoTime();
          if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
            fail(label + ": no '" + line + "' line; output so far: " + lines);
          }
          TimeUnit.NANOSECONDS.timedWait(lines, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        }
      }
    }

    /** Waits for the peer to exit and returns its exit code; fails on timeout. */
    int waitFor(long timeoutSeconds) throws InterruptedException, TimeoutException {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new TimeoutException(label + ": still running after " + timeoutSeconds + " s");
      }
      reader.join(TimeUnit.SECONDS.toMillis(10));
      return process.exitValue();
    }

    List<String> output() {
      synchronized (lines) {
        return List.copyOf(lines);
      }
    }

    String label() {
      return label;
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}
