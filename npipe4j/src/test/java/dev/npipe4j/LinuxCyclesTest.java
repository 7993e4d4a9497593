package dev.npipe4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * 10,000 connect, exchange and disconnect cycles on the Linux backend leave no descriptor, thread
 * or native memory behind.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LinuxCyclesTest {
  private static final int CYCLES = 10_000;
  private static final int WARM_UP = 1_000;

  @Test
  void tenThousandCyclesLeakNothing() throws Exception {
    String name = "\\\\.\\pipe\\cycles-" + UUID.randomUUID();
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      ClientOptions options = new ClientOptions();
      for (int i = 0; i < WARM_UP; i++) {
        cycle(server, options, name, i);
      }
      long fds = openDescriptors();
      long threads = Thread.getAllStackTraces().size();
      long rss = residentAfterGc();
      for (int i = WARM_UP; i < WARM_UP + CYCLES; i++) {
        cycle(server, options, name, i);
      }
      assertEquals(fds, openDescriptors(), "descriptors after " + CYCLES + " cycles");
      assertTrue(
          Thread.getAllStackTraces().size() <= threads + 2, // the common pool may start a worker
          "threads grew from " + threads + " to " + Thread.getAllStackTraces().size());
      long grown = residentAfterGc() - rss;
      // One 64 KiB packet buffer or one socket address kept per cycle would be 600 MiB or more.
      assertTrue(grown < 32 << 20, "resident memory grew by " + (grown >> 10) + " KiB");
    }
    Path dir = Path.of(System.getenv().getOrDefault("XDG_RUNTIME_DIR", "/nonexistent"));
    try (Stream<Path> left = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
      assertEquals(0, left.filter(p -> p.getFileName().toString().startsWith(".npipe4j")).count());
    }
  }

  private static void cycle(NamedPipeServer server, ClientOptions options, String name, int i)
      throws Exception {
    CompletableFuture<Void> connected = server.connect();
    try (NamedPipeClient client = options.open(name)) {
      connected.get(10, TimeUnit.SECONDS);
      byte[] ping = {(byte) i, (byte) (i >> 8)};
      client.write(ByteBuffer.wrap(ping)).get(10, TimeUnit.SECONDS);
      ByteBuffer got = ByteBuffer.allocate(2);
      while (got.hasRemaining()) {
        server.read(got).get(10, TimeUnit.SECONDS);
      }
      assertArrayEquals(ping, got.array());
    }
    server.disconnect();
  }

  private static long openDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  private static long residentAfterGc() throws Exception {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
      }
    }
    throw new IOException("no VmRSS in /proc/self/status");
  }
}
