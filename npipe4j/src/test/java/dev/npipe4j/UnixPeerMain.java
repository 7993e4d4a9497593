package dev.npipe4j;

import java.nio.ByteBuffer;

/**
 * A server in another process, for {@link AbstractUnixPipeContractTest}: creates the pipe named by
 * the argument, prints "ready", and answers each client's 4 bytes with the same bytes, until
 * killed.
 */
final class UnixPeerMain {
  private UnixPeerMain() {}

  public static void main(String[] args) throws Exception {
    try (PipeListener listener = PipeListener.bind(args[0], new ServerOptions())) {
      System.out.println("ready");
      System.out.flush();
      while (true) {
        try (NamedPipeServer s = listener.accept().get()) {
          ByteBuffer buf = ByteBuffer.allocate(4);
          while (buf.hasRemaining() && s.read(buf).get() > 0) {}
          s.write(buf.flip()).get();
          s.read(ByteBuffer.allocate(1)).get(); // wait for the client to close
        }
      }
    }
  }
}
