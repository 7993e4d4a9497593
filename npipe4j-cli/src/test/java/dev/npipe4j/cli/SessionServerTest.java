package dev.npipe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.PipeMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SessionServer}'s accept loop when it is stopped. */
@Timeout(60)
class SessionServerTest {
  @Test
  void aClientThatConnectsAfterTheLoopWasInterruptedSeesTheEndWhenTheServerCloses()
      throws Exception {
    String name = PipeNames.expand(Cli.uniqueName("abandoned"));
    PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    SessionServer server =
        SessionServer.echo(
            name, PipeMode.BYTE, SessionServer.UNLIMITED, new NpipeCommand.Log(log, false));
    AtomicReference<Throwable> ended = new AtomicReference<>();
    Thread serving =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    server.serve();
                  } catch (Exception e) {
                    ended.set(e);
                  }
                });
    serving.interrupt(); // as `serve` is stopped: the loop leaves its accept waiting
    serving.join(20_000);
    assertInstanceOf(InterruptedException.class, ended.get());
    // The client takes the instance that the abandoned accept was waiting on.
    try (NamedPipeClient client = new ClientOptions().open(name)) {
      server.close();
      int n = client.read(ByteBuffer.allocate(1)).get(20, TimeUnit.SECONDS);
      assertEquals(-1, n, "the server closed: its client must read end of stream");
    }
  }
}
