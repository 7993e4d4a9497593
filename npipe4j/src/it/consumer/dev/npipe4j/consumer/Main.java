package dev.npipe4j.consumer;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.Interest;
import dev.npipe4j.NamedPipe;
import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.NamedPipeServer;
import dev.npipe4j.PipeEnd;
import dev.npipe4j.PipeError;
import dev.npipe4j.PipeListener;
import dev.npipe4j.PipeMode;
import dev.npipe4j.ServerOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Echoes bytes through a pipe in each of the library's three I/O styles (futures, streams,
 * readiness), checks the error of a missing pipe, and prints {@code consumer: ok} with the backend
 * it ran on. Exits non-zero on any mismatch. The pipe name carries the process id and the clock: no
 * {@code UUID}, whose random source does not start under Wine 8.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Module library = NamedPipe.class.getModule();
    check(library.isNamed() && library.getName().equals("dev.npipe4j"), "not on the module path");
    check(!library.isExported("dev.npipe4j.internal"), "internal package exported");
    String name =
        "\\\\.\\pipe\\npipe4j-consumer-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    try (PipeListener listener = PipeListener.bind(name, new ServerOptions())) {
      CompletableFuture<NamedPipeServer> accepted = listener.accept();
      try (NamedPipeClient client = new ClientOptions().open(name, Duration.ofSeconds(10));
          NamedPipeServer server = accepted.get(10, TimeUnit.SECONDS)) {
        check(client.info().end() == PipeEnd.CLIENT, "client end: " + client.info());
        check(server.info().mode() == PipeMode.BYTE, "mode: " + server.info());
        // Futures: AsynchronousByteChannel.
        client.write(ByteBuffer.wrap("ping".getBytes(US_ASCII))).get(10, TimeUnit.SECONDS);
        ByteBuffer got = ByteBuffer.allocate(4);
        while (got.hasRemaining()) {
          check(server.read(got).get(10, TimeUnit.SECONDS) > 0, "end of stream");
        }
        check(Arrays.equals(got.array(), "ping".getBytes(US_ASCII)), "future read");
        // Streams.
        server.outputStream().write("pong".getBytes(US_ASCII));
        server.outputStream().flush();
        check(
            Arrays.equals(client.inputStream().readNBytes(4), "pong".getBytes(US_ASCII)),
            "stream read");
        // Readiness.
        client.write(ByteBuffer.wrap("!".getBytes(US_ASCII))).get(10, TimeUnit.SECONDS);
        ByteBuffer one = ByteBuffer.allocate(1);
        while (one.hasRemaining()) {
          server.ready(Interest.READABLE).get(10, TimeUnit.SECONDS);
          check(server.tryRead(one) >= 0, "end of stream");
        }
        check(one.get(0) == '!', "readiness read");
      }
    }
    try {
      new ClientOptions().open(name + "-missing").close();
      check(false, "a missing pipe opened");
    } catch (NoSuchFileException e) {
      check(e instanceof PipeError, "not a PipeError: " + e.getClass());
    } catch (IOException e) {
      check(false, "missing pipe: " + e);
    }
    System.out.println("consumer: ok (" + System.getProperty("os.name") + ")");
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      System.err.println("consumer: FAILED: " + what);
      System.exit(1);
    }
  }
}
