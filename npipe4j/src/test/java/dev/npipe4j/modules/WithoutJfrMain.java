package dev.npipe4j.modules;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipe;
import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.NamedPipeServer;
import dev.npipe4j.ServerOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A round trip through every instrumented path (open, accept, tryWrite, read, blocking streams),
 * for {@code FlightEventsTest}, which runs it on a JVM that has no {@code jdk.jfr}. Prints the
 * facts the test checks: whether {@code jdk.jfr} is there, the npipe4j module's name, and what came
 * back.
 */
public final class WithoutJfrMain {
  private WithoutJfrMain() {}

  public static void main(String[] args) throws Exception {
    String name = args[0];
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      CompletableFuture<Void> accepted = server.connect();
      try (NamedPipeClient client = new ClientOptions().open(name, Duration.ofSeconds(20))) {
        accepted.get(20, TimeUnit.SECONDS);
        client.outputStream().write("pi".getBytes(StandardCharsets.US_ASCII));
        while (client.tryWrite(ByteBuffer.wrap("ng".getBytes(StandardCharsets.US_ASCII))) == 0) {
          client.writable().get(20, TimeUnit.SECONDS);
        }
        ByteBuffer got = ByteBuffer.allocate(4);
        while (got.hasRemaining()) {
          if (server.read(got).get(20, TimeUnit.SECONDS) < 0) {
            throw new IllegalStateException("end of stream");
          }
        }
        server.outputStream().write(got.array());
        byte[] echo = client.inputStream().readNBytes(4);
        System.out.println(
            "jdk.jfr="
                + ModuleLayer.boot().findModule("jdk.jfr").isPresent()
                + " module="
                + NamedPipe.class.getModule().getName()
                + " echo="
                + new String(echo, StandardCharsets.US_ASCII));
      }
    }
  }
}
