package dev.npipe4j.internal.unix;

import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.PipeBusyException;
import dev.npipe4j.PipeEnd;
import dev.npipe4j.PipeException;
import dev.npipe4j.PipeInfo;
import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.ClientConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The client end of a pipe carried by a Unix domain socket: one connection for life, opened with
 * the request of {@link Wire} for a {@code \\.\pipe\} name, or plainly for a socket path. A client
 * end is connected from its open: {@link #connect()} completes at once and there is nothing to
 * {@link #disconnect()}.
 */
public abstract class SocketClientIo extends SocketPipeIo {
  /** How long a client waits for the listener's reply. */
  protected static final long REPLY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final boolean wantsRead;
  private final boolean wantsWrite;

  /** The listener's reply; null for a socket path. Set once during open. */
  private Wire.@Nullable Reply reply;

  /**
   * Creates a client end, not yet connected.
   *
   * @param pipe the pipe's name
   * @param config the client options
   */
  protected SocketClientIo(String pipe, ClientConfig config) {
    super(pipe, false, config.read(), config.write());
    this.wantsRead = config.read();
    this.wantsWrite = config.write();
  }

  /**
   * The request flags of a client with these options.
   *
   * @param config the client options
   * @return {@link Wire#WANT_READ} and/or {@link Wire#WANT_WRITE}
   */
  public static int requestFlags(ClientConfig config) {
    return (config.read() ? Wire.WANT_READ : 0) | (config.write() ? Wire.WANT_WRITE : 0);
  }

  /**
   * Takes the listener's reply: keeps an OK one, and turns a refusal into its error.
   *
   * @param in the reply's bytes, all {@link Wire#REPLY_BYTES} of them
   * @throws IOException BUSY, DENIED, or a peer that does not speak the handshake
   */
  protected final void accept(ByteBuffer in) throws IOException {
    Wire.Reply r = Wire.Reply.decode(in);
    if (r == null) {
      throw protocol(pipe, "the socket does not speak the npipe4j handshake");
    }
    switch (r.status()) {
      case Wire.OK -> reply = r;
      case Wire.BUSY ->
          throw new PipeBusyException("every instance of " + pipe + " is busy", UnixErrors.EAGAIN);
      case Wire.DENIED ->
          throw new PipeAccessDeniedException(
              pipe,
              "the server does not allow "
                  + (wantsRead && wantsWrite
                      ? "reading and writing"
                      : wantsRead ? "reading" : "writing"),
              UnixErrors.EACCES);
      default -> throw protocol(pipe, "unknown status " + r.status());
    }
  }

  /** The failure of an open whose listener closed the connection before its reply. */
  protected static PipeBusyException closedBeforeReply(String pipe) {
    return new PipeBusyException(
        pipe + " closed the connection before answering", UnixErrors.ECONNRESET);
  }

  /**
   * Ends a wait for the reply that did not see it come.
   *
   * @param ready what the wait returned: false on timeout or interrupt
   * @throws IOException if the thread was interrupted or the deadline passed
   */
  protected static void awaited(String pipe, boolean ready) throws IOException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted while opening " + pipe);
    }
    if (!ready) {
      throw new PipeException("no answer from " + pipe + " in time", UnixErrors.ETIMEDOUT);
    }
  }

  private static PipeException protocol(String pipe, String what) {
    return new PipeException(pipe + ": " + what, UnixErrors.EPROTO);
  }

  @Override
  public final CompletableFuture<Void> connect() {
    return readiness.isClosed()
        ? CompletableFuture.failedFuture(new ClosedChannelException())
        : CompletableFuture.completedFuture(null);
  }

  @Override
  public final void disconnect() {
    throw new UnsupportedOperationException("a client end has no client to disconnect");
  }

  @Override
  public final PipeInfo info() throws IOException {
    Transport t = transport();
    PipeMode type = t.packets() ? PipeMode.MESSAGE : PipeMode.BYTE;
    if (reply != null) {
      return new PipeInfo(
          type, PipeEnd.CLIENT, reply.maxInstances(), reply.outBufferSize(), reply.inBufferSize());
    }
    // A plain socket: no instance limit, and its own buffer sizes.
    return new PipeInfo(
        type,
        PipeEnd.CLIENT,
        PipeInfo.UNLIMITED_INSTANCES,
        t.sendBufferSize(),
        t.receiveBufferSize());
  }
}
