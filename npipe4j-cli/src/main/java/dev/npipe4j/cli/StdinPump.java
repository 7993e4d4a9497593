package dev.npipe4j.cli;

import dev.npipe4j.PipeMode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies stdin to a pipe on a virtual thread, for {@code connect}.
 *
 * <p>Framing: in byte mode bytes go as they are read. In message mode each line of stdin, with its
 * {@code \n}, is one message (the last line may lack it); with a message size, each chunk of that
 * many bytes is one message (the last may be shorter).
 */
final class StdinPump {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final InputStream in;
  private final ByteChannel pipe;
  private final PipeMode mode;
  private final int messageSize;
  private final AtomicLong sent = new AtomicLong();
  private final CompletableFuture<Long> done = new CompletableFuture<>();

  /**
   * Creates a pump.
   *
   * @param in the input
   * @param pipe the pipe's blocking channel; each write is one message in message mode
   * @param mode how to frame the input
   * @param messageSize bytes per message in message mode, or 0 for one message per line
   */
  StdinPump(InputStream in, ByteChannel pipe, PipeMode mode, int messageSize) {
    this.in = in;
    this.pipe = pipe;
    this.mode = mode;
    this.messageSize = messageSize;
  }

  /**
   * Starts copying on a virtual thread.
   *
   * @return a future completed with the number of bytes sent when the input ends, or failed with
   *     the error that stopped the copy
   */
  CompletableFuture<Long> start() {
    Thread.ofVirtual()
        .name("npipe-stdin")
        .start(
            () -> {
              try {
                copy();
                done.complete(sent.get());
              } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
              }
            });
    return done;
  }

  /**
   * Returns the bytes sent so far.
   *
   * @return the count
   */
  long sent() {
    return sent.get();
  }

  private void copy() throws IOException {
    if (mode == PipeMode.BYTE) {
      byte[] buf = new byte[BUFFER_SIZE];
      int n;
      while ((n = in.read(buf)) >= 0) {
        send(buf, n);
      }
    } else if (messageSize > 0) {
      byte[] chunk;
      while ((chunk = in.readNBytes(messageSize)).length > 0) {
        send(chunk, chunk.length);
      }
    } else {
      InputStream lines = new BufferedInputStream(in);
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = lines.read()) >= 0) {
        line.write(b);
        if (b == '\n') {
          send(line.toByteArray(), line.size());
          line.reset();
        }
      }
      if (line.size() > 0) {
        send(line.toByteArray(), line.size());
      }
    }
  }

  private void send(byte[] bytes, int length) throws IOException {
    if (length > 0) {
      pipe.write(ByteBuffer.wrap(bytes, 0, length));
      sent.addAndGet(length);
    }
  }
}
