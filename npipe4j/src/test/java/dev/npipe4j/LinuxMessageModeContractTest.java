package dev.npipe4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Message mode on the Linux libc backend: {@code SOCK_SEQPACKET} with npipe4j's framing. */
@EnabledOnOs(OS.LINUX)
class LinuxMessageModeContractTest extends AbstractMessageModeContractTest {
  @Test
  void aPlainSeqpacketPeerSpeakingTheFramingIsReadAndItsEmptyMessageEndsItsSide(@TempDir Path dir)
      throws Exception {
    String path = dir.resolve("framed.sock").toString();
    try (NamedPipeServer server = new ServerOptions().pipeMode(PipeMode.MESSAGE).create(path)) {
      var connected = server.connect();
      // Python's socket module: "hello" as one framed packet, then a message of zero bytes.
      Process peer =
          new ProcessBuilder(
                  "python3",
                  "-c",
                  "import socket,sys,time\n"
                      + "s=socket.socket(socket.AF_UNIX,socket.SOCK_SEQPACKET)\n"
                      + "s.connect(sys.argv[1])\n"
                      + "s.send(bytes(4)+b'hello'); s.send(bytes(4))\n"
                      + "print(s.recv(100)[4:].decode(), flush=True)\n",
                  path)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      await(connected);
      assertArrayEquals(ascii("hello"), await(server.readMessage()));
      assertEquals(0, await(server.readMessage()).length);
      assertNull(await(server.readMessage()));
      assertEquals(-1, await(server.read(ByteBuffer.allocate(8))));
      // The other direction goes on: the server still answers.
      writeAll(server, ascii("still here"));
      assertEquals(
          "still here", new String(peer.getInputStream().readAllBytes(), "US-ASCII").strip());
      assertEquals(0, peer.waitFor());
    }
  }
}
