package dev.npipe4j.windows.interop;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.NamedPipeServer;
import dev.npipe4j.PipeMode;
import dev.npipe4j.ServerOptions;
import dev.npipe4j.interop.RawHttp;
import dev.npipe4j.windows.interop.NativePeers.Peer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * go-winio's {@code CloseWrite()} against an npipe4j server, both ways: the go-winio client sends
 * data then a zero-byte message, which npipe4j must read as end of stream before it answers; the
 * server answers and ends with its own {@code closeWrite()}, which go-winio must read as end of
 * stream (the client only prints the answer after its {@code io.ReadAll} returns).
 */
@EnabledOnOs(OS.WINDOWS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GoWinioCloseWriteInteropTest {
  @Test
  void aGoWinioClientsCloseWriteIsEndOfStream() throws Exception {
    int size = 300_000;
    String name = NativePeers.uniqueName("winio-closewrite");
    try (NamedPipeServer server = new ServerOptions().pipeMode(PipeMode.MESSAGE).create(name);
        Peer client =
            Peer.start("winio-peer.exe", "closewrite-client", name, Integer.toString(size))) {
      NativePeers.await(server.connect());
      byte[] received = server.inputStream().readAllBytes();
      assertArrayEquals(RawHttp.pattern(size), received, "the bytes before the zero-byte message");
      String answer = "npipe4j got " + RawHttp.digest(received);
      server.outputStream().write(answer.getBytes(US_ASCII));
      server.closeWrite();
      assertEquals(0, client.waitFor(60), "winio-peer exit code; output " + client.output());
      assertTrue(
          client.output().contains("answer: " + answer),
          "the client read the answer to end of stream: " + client.output());
    }
  }
}
