package dev.npipe4j.bench.netty;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipe;
import dev.npipe4j.PipeListener;
import dev.npipe4j.ServerOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The same tests through the library's blocking channel ({@link NamedPipe#blockingChannel()}), a
 * platform thread at each end, in this JVM as the Netty runs are.
 */
final class BlockingRuns {
  private BlockingRuns() {}

  static final String NAME = "npipe4j-blocking";

  /** Round trips of {@code size} bytes ({@code sinkTotal} 0), or a one-way push of it. */
  static long run(String id, int size, int count, long sinkTotal) throws Exception {
    return run(id, size, count, sinkTotal, null);
  }

  /** As above, with each round trip's nanos in {@code each} (round trips only). */
  static long run(String id, int size, int count, long sinkTotal, long[] each) throws Exception {
    String name = "\\\\.\\pipe\\npipe4j-bench-" + ProcessHandle.current().pid() + id;
    try (PipeListener listener = PipeListener.bind(name, new ServerOptions())) {
      CompletableFuture<Void> served = new CompletableFuture<>();
      Thread server =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (NamedPipe pipe = listener.accept().get()) {
                      serve(pipe.blockingChannel(), size, sinkTotal);
                      served.complete(null);
                    } catch (Exception e) {
                      served.completeExceptionally(e);
                    }
                  });
      long nanos;
      try (NamedPipe pipe = new ClientOptions().open(name, Duration.ofSeconds(10))) {
        ByteChannel ch = pipe.blockingChannel();
        ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(size, 1));
        long start = System.nanoTime();
        if (sinkTotal == 0) {
          for (int i = 0; i < count; i++) {
            long t = System.nanoTime();
            writeFully(ch, buf.clear().limit(size));
            readFully(ch, buf.clear().limit(size));
            if (each != null) {
              each[i] = System.nanoTime() - t;
            }
          }
        } else {
          for (long sent = 0; sent < sinkTotal; ) {
            int n = (int) Math.min(size, sinkTotal - sent);
            writeFully(ch, buf.clear().limit(n));
            sent += n;
          }
          readFully(ch, buf.clear().limit(1));
        }
        nanos = System.nanoTime() - start;
      }
      served.get(60, TimeUnit.SECONDS);
      server.join();
      return nanos;
    }
  }

  private static void serve(ByteChannel ch, int size, long sinkTotal) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(size, 65536));
    if (sinkTotal == 0) {
      while (true) {
        buf.clear().limit(size);
        if (!readFully(ch, buf)) {
          return;
        }
        writeFully(ch, buf.flip());
      }
    }
    for (long seen = 0; seen < sinkTotal; ) {
      int n = ch.read(buf.clear());
      if (n < 0) {
        throw new IOException("end of stream after " + seen);
      }
      seen += n;
    }
    writeFully(ch, buf.clear().limit(1));
    readFully(ch, buf.clear().limit(1)); // end of stream: the client is done
  }

  private static void writeFully(ByteChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static boolean readFully(ByteChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        return false;
      }
    }
    return true;
  }
}
