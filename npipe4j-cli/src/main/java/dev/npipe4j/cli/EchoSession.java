package dev.npipe4j.cli;

import dev.npipe4j.NamedPipeServer;
import dev.npipe4j.PipeMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * Echoes one connected client until it leaves: in byte mode every byte as it arrives, in message
 * mode every message whole, as one message. Runs on its own virtual thread and closes the instance
 * when done.
 */
final class EchoSession implements SessionServer.Session {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final NamedPipeServer pipe;
  private final PipeMode mode;
  private final long id;
  private final NpipeCommand.Log log;
  private final Runnable onEnd;

  /**
   * Creates a session.
   *
   * @param pipe the connected instance, which the session owns
   * @param mode the pipe's mode
   * @param id a number for the log
   * @param log where connects and disconnects are logged
   * @param onEnd run when the session has ended and the instance is closed
   */
  EchoSession(NamedPipeServer pipe, PipeMode mode, long id, NpipeCommand.Log log, Runnable onEnd) {
    this.pipe = pipe;
    this.mode = mode;
    this.id = id;
    this.log = log;
    this.onEnd = onEnd;
  }

  @Override
  public void run() {
    long echoed = 0;
    try (ByteChannel channel = pipe.blockingChannel()) {
      log.debug("client " + id + " connected" + peer());
      echoed = mode == PipeMode.MESSAGE ? echoMessages(channel) : echoBytes(channel);
      log.debug("client " + id + " disconnected after " + echoed + " bytes");
    } catch (IOException | RuntimeException e) {
      log.debug("client " + id + " failed after " + echoed + " bytes: " + Failures.message(e));
    } finally {
      onEnd.run();
    }
  }

  @Override
  public void stop() {
    try {
      pipe.close();
    } catch (IOException e) {
      log.debug("client " + id + ": close failed: " + Failures.message(e));
    }
  }

  private long echoBytes(ByteChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(BUFFER_SIZE);
    long total = 0;
    while (channel.read(buf.clear()) >= 0) {
      total += channel.write(buf.flip());
    }
    return total;
  }

  private long echoMessages(ByteChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(BUFFER_SIZE);
    long total = 0;
    ByteBuffer message;
    while ((message = Messages.readWhole(pipe, channel, buf)) != null) {
      total += channel.write(message); // one write is one message
      buf = message;
    }
    return total;
  }

  private String peer() {
    try {
      return " (pid " + pipe.peerProcessId() + ")";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
