package dev.npipe4j;

import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.PipeName;

/**
 * The client end of a named pipe, opened by {@link ClientOptions#open(String)}.
 *
 * {@snippet :
 * try (NamedPipeClient client = new ClientOptions().open("\\\\.\\pipe\\demo")) {
 *   client.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8))).get();
 *   ByteBuffer reply = ByteBuffer.allocate(64);
 *   int n = client.read(reply).get();
 * }
 * }
 */
public final class NamedPipeClient extends AbstractNamedPipe implements NamedPipe {
  NamedPipeClient(PipeIo io, PipeName name) {
    super(io, name);
  }
}
