package dev.npipe4j;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

/**
 * npipe4j's Flight Recorder events, modelled on the JDK's {@code jdk.SocketRead} and {@code
 * jdk.SocketWrite}. Loaded only through {@link PipeEvents}, once {@code jdk.jfr} is known to be
 * readable.
 *
 * <p>Every event is disabled by default and has a default threshold of 20 ms, as the socket events
 * have in the JDK's {@code default.jfc}. The duration of a read or write is what the caller waited:
 * the call itself for {@code tryRead}/{@code tryWrite}, the whole blocking call for the streams and
 * the blocking channel, and from the call to completion for the futures of {@code read}, {@code
 * write} and {@code readMessage}. A transfer that fails commits no event.
 */
final class FlightEvents {
  private FlightEvents() {}

  /** The fields every pipe event has. */
  abstract static class PipeEvent extends Event {
    @Label("Pipe Name")
    @Nullable String pipeName;

    @Label("Pipe End")
    @Description("CLIENT or SERVER: which end of the pipe this process holds")
    @Nullable String pipeEnd;

    @Label("Mode")
    @Description("BYTE or MESSAGE: the pipe's type (for a connect, the requested read mode)")
    @Nullable String mode;

    @Label("Peer Process Id")
    @Description("The process at the other end, or 0 where the operating system does not tell it")
    long peerPid;
  }

  /** {@code dev.npipe4j.PipeRead}. */
  @Name("dev.npipe4j.PipeRead")
  @Label("Pipe Read")
  @Category({"Java Application", "Named Pipes"})
  @Description("Reading data from a named pipe")
  @Enabled(false)
  @Threshold("20 ms")
  @StackTrace(true)
  static final class Read extends PipeEvent implements PipeEvents.Span {
    @Label("Bytes Read")
    @Description("Number of bytes read (0 when the read would have blocked)")
    @DataAmount
    long bytesRead;

    @Label("End of Stream")
    @Description("The peer had closed the pipe")
    boolean endOfStream;

    @Override
    public void finish(AbstractNamedPipe pipe, long result) {
      end();
      if (shouldCommit()) {
        describe(this, pipe);
        bytesRead = Math.max(result, 0);
        endOfStream = result < 0;
        commit();
      }
    }
  }

  /** {@code dev.npipe4j.PipeWrite}. */
  @Name("dev.npipe4j.PipeWrite")
  @Label("Pipe Write")
  @Category({"Java Application", "Named Pipes"})
  @Description("Writing data to a named pipe")
  @Enabled(false)
  @Threshold("20 ms")
  @StackTrace(true)
  static final class Write extends PipeEvent implements PipeEvents.Span {
    @Label("Bytes Written")
    @Description("Number of bytes written (0 when the write would have blocked)")
    @DataAmount
    long bytesWritten;

    @Override
    public void finish(AbstractNamedPipe pipe, long result) {
      end();
      if (shouldCommit()) {
        describe(this, pipe);
        bytesWritten = Math.max(result, 0);
        commit();
      }
    }
  }

  /** {@code dev.npipe4j.PipeConnect}. */
  @Name("dev.npipe4j.PipeConnect")
  @Label("Pipe Connect")
  @Category({"Java Application", "Named Pipes"})
  @Description(
      "Opening the client end of a named pipe, including any wait for it to appear or for"
          + " an instance to be free")
  @Enabled(false)
  @Threshold("20 ms")
  @StackTrace(true)
  static final class Connect extends PipeEvent {
    @Label("Timeout")
    @Description("The longest wait the caller allowed; 0 for an open that does not wait")
    @Timespan(Timespan.MILLISECONDS)
    long timeout;

    @Label("Error")
    @Description("Why the open failed, or null when it succeeded")
    @Nullable String error;
  }

  /** {@code dev.npipe4j.PipeAccept}. */
  @Name("dev.npipe4j.PipeAccept")
  @Label("Pipe Accept")
  @Category({"Java Application", "Named Pipes"})
  @Description("A server instance waiting for a client, from connect() to the client's arrival")
  @Enabled(false)
  @Threshold("20 ms")
  @StackTrace(false)
  static final class Accept extends PipeEvent {
    @Label("Error")
    @Description("Why the wait failed, or null when a client connected")
    @Nullable String error;
  }

  // isEnabled() reads the event type's state, not the instance's: one probe per type checks it
  // without allocating.
  private static final Read READ_PROBE = new Read();
  private static final Write WRITE_PROBE = new Write();
  private static final Connect CONNECT_PROBE = new Connect();
  private static final Accept ACCEPT_PROBE = new Accept();

  static PipeEvents.@Nullable Span read() {
    if (!READ_PROBE.isEnabled()) {
      return null;
    }
    Read e = new Read();
    e.begin();
    return e;
  }

  static PipeEvents.@Nullable Span write() {
    if (!WRITE_PROBE.isEnabled()) {
      return null;
    }
    Write e = new Write();
    e.begin();
    return e;
  }

  static NamedPipeClient connect(
      String name, PipeMode mode, @Nullable Duration timeout, PipeEvents.Opener opener)
      throws IOException {
    if (!CONNECT_PROBE.isEnabled()) {
      return opener.open();
    }
    Connect e = new Connect();
    e.begin();
    NamedPipeClient client;
    try {
      client = opener.open();
    } catch (IOException | RuntimeException failure) {
      e.end();
      if (e.shouldCommit()) {
        e.pipeName = name;
        e.pipeEnd = PipeEnd.CLIENT.name();
        e.mode = mode.name();
        e.timeout = millis(timeout);
        e.error = failure.toString();
        e.commit();
      }
      throw failure;
    }
    e.end();
    if (e.shouldCommit()) {
      describe(e, client);
      e.mode = mode.name();
      e.timeout = millis(timeout);
      e.commit();
    }
    return client;
  }

  /** Records an asynchronous open when its future completes; see {@link PipeEvents#connect}. */
  static void connectAsync(
      String name, PipeMode mode, Duration timeout, CompletableFuture<NamedPipeClient> opening) {
    if (!CONNECT_PROBE.isEnabled()) {
      return;
    }
    Connect e = new Connect();
    e.begin();
    // Only records: the stage completes as opening does (the caller holds that), and a failure to
    // record must not reach the caller.
    var unused =
        opening.whenComplete(
            (client, failure) -> {
              e.end();
              if (!e.shouldCommit()) {
                return;
              }
              if (failure == null) {
                describe(e, client);
              } else {
                e.pipeName = name;
                e.pipeEnd = PipeEnd.CLIENT.name();
                e.error =
                    (failure instanceof java.util.concurrent.CompletionException c
                                && c.getCause() != null
                            ? c.getCause()
                            : failure)
                        .toString();
              }
              e.mode = mode.name();
              e.timeout = millis(timeout);
              e.commit();
            });
  }

  static void accept(NamedPipeServer server, CompletableFuture<Void> connect) {
    if (!ACCEPT_PROBE.isEnabled()) {
      return;
    }
    Accept e = new Accept();
    e.begin();
    java.util.function.BiConsumer<Void, Throwable> record =
        (v, failure) -> {
          if (failure instanceof java.util.concurrent.CancellationException) {
            return; // the wait goes on; a later connect() records it
          }
          e.end();
          if (e.shouldCommit()) {
            describe(e, server);
            e.error = failure == null ? null : failure.toString();
            e.commit();
          }
        };
    // Recorded as the driver delivers, while the connection is surely still there.
    if (connect instanceof dev.npipe4j.internal.DriverFuture<Void> direct) {
      direct.onDelivery(record);
    } else {
      // Only records, as in connectAsync.
      var unused = connect.whenComplete(record);
    }
  }

  /** Fills in the fields that say which pipe, looked up only for an event being committed. */
  private static void describe(PipeEvent e, AbstractNamedPipe pipe) {
    e.pipeName = pipe.name();
    e.pipeEnd = (pipe instanceof NamedPipeServer ? PipeEnd.SERVER : PipeEnd.CLIENT).name();
    try {
      e.mode = pipe.info().mode().name();
    } catch (IOException | RuntimeException closedMeanwhile) {
      e.mode = null;
    }
    try {
      e.peerPid = pipe.peerProcessId();
    } catch (IOException | RuntimeException notTold) {
      e.peerPid = 0;
    }
  }

  private static long millis(@Nullable Duration timeout) {
    if (timeout == null) {
      return 0;
    }
    try {
      return timeout.toMillis();
    } catch (ArithmeticException huge) {
      return Long.MAX_VALUE;
    }
  }
}
