package dev.npipe4j.unix.interop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.fail;

import dev.npipe4j.NamedPipeSocketFactory;
import dev.npipe4j.interop.AbstractHttpInteropTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP exchanges of {@link AbstractHttpInteropTest} against Python's http.server bound to a
 * Unix socket ({@code native/python/unix-http-server.py}, run with {@code python3}), reached
 * through the adapter by the socket's absolute path as a {@code unix://} address.
 */
@DisabledOnOs(OS.WINDOWS)
class PythonHttpInteropTest extends AbstractHttpInteropTest {
  @TempDir static Path dir;

  private static Process server;
  private static NamedPipeSocketFactory factory;

  /** False while npipe4j's client cannot open a plain socket: every test is then skipped. */
  private static boolean plain;

  @BeforeAll
  static void startServer() throws Exception {
    plain = PlainUnixSockets.clientsOpenPlainSockets(dir);
    if (!plain) {
      return;
    }
    Path socket = dir.resolve("http.sock");
    ProcessBuilder pb =
        new ProcessBuilder("python3", script().toString(), socket.toString())
            .redirectErrorStream(true);
    pb.environment().put("NPIPE4J_NATIVE_TIMEOUT", "100");
    server = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), UTF_8));
    CompletableFuture<String> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return out.readLine();
              } catch (java.io.IOException e) {
                return "<" + e + ">";
              }
            });
    String line = first.get(30, TimeUnit.SECONDS);
    if (!"ready".equals(line)) {
      fail("python3 unix-http-server.py did not start: " + line);
    }
    factory = new NamedPipeSocketFactory("unix://" + socket);
  }

  private static Path script() {
    for (Path p :
        List.of(
            Path.of("native", "python", "unix-http-server.py"),
            Path.of("..", "native", "python", "unix-http-server.py"))) {
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath();
      }
    }
    return fail("native/python/unix-http-server.py not found from " + Path.of("").toAbsolutePath());
  }

  @BeforeEach
  void needsPlainSockets() {
    Assumptions.assumeTrue(plain, PlainUnixSockets.MISSING);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  @Override
  protected NamedPipeSocketFactory server() {
    return factory;
  }

  @Override
  protected String serverName() {
    return "python";
  }
}
