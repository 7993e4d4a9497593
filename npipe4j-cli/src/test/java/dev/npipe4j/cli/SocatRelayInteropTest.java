package dev.npipe4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker.sock recipe on Linux, with real programs at both ends: a Python {@code socket} client
 * talks to {@code socat UNIX-LISTEN:...,fork EXEC:"npipe relay NAME"}, which relays to {@code npipe
 * serve --exec}. socat gives the relay one socket as both stdin and stdout, so closing stdout does
 * not end the client's stream: the recipe needs {@code -ep}, as npiperelay's does. socat is
 * installed by scripts/setup-windows.sh.
 */
@Timeout(120)
class SocatRelayInteropTest {
  @Test
  void socatExecOfRelayCarriesAUnixSocketClientToThePipe(@TempDir Path dir) throws Exception {
    assumeFalse(Platform.isWindows(), "socat and AF_UNIX clients: the Linux side of the recipe");
    String name = Cli.uniqueName("socat");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path relay = dir.resolve("relay.sh");
    Files.writeString(
        relay,
        "#!/bin/sh\nexec '"
            + javaBin
            + "' --enable-native-access=ALL-UNNAMED -cp '"
            + System.getProperty("java.class.path")
            + "' dev.npipe4j.cli.Main relay -ep -p "
            + name
            + "\n");
    Files.setPosixFilePermissions(relay, PosixFilePermissions.fromString("rwx------"));
    Path socket = dir.resolve("docker.sock");
    Running server = Running.server("serve", "--exec", ExecTest.upperCommand(), "--verbose", name);
    Process socat =
        new ProcessBuilder("socat", "UNIX-LISTEN:" + socket + ",fork", "EXEC:" + relay + ",nofork")
            .redirectErrorStream(true)
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!Files.exists(socket)) {
        assertTrue(socat.isAlive() && System.nanoTime() < deadline, "socat did not listen");
        Thread.sleep(20);
      }
      for (String word : new String[] {"first", "second"}) {
        Process client =
            new ProcessBuilder(
                    "python3",
                    "-c",
                    "import socket,sys\n"
                        + "s = socket.socket(socket.AF_UNIX)\n"
                        + "s.connect(sys.argv[1])\n"
                        + "s.sendall(sys.argv[2].encode() + b'\\n')\n"
                        + "sys.stdout.write(s.makefile('rb').read().decode())\n",
                    socket.toString(),
                    word)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(word + ".out").toFile())
                .start();
        boolean ended = client.waitFor(60, TimeUnit.SECONDS);
        client.destroyForcibly();
        String out = Files.readString(dir.resolve(word + ".out"), UTF_8);
        assertTrue(ended, "the client got no end of stream; it read: " + out + server.err.text());
        assertEquals(0, client.exitValue(), out);
        assertTrue(out.startsWith(word.toUpperCase(java.util.Locale.ROOT) + " "), out);
      }
    } finally {
      socat.destroy();
      socat.waitFor(10, TimeUnit.SECONDS);
      server.stop();
    }
  }
}
