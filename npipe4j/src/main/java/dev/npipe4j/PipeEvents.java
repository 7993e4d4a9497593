package dev.npipe4j;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The hooks of npipe4j's Flight Recorder events, as the public classes call them.
 *
 * <p>This class names no {@code jdk.jfr} type, so it loads on every runtime. The module declares
 * {@code requires static jdk.jfr}: a runtime linked without {@code jdk.jfr}, or a module graph that
 * does not resolve it, still runs npipe4j, with no events. {@link FlightEvents}, which extends
 * {@code jdk.jfr.Event}, is loaded only once the {@code jdk.jfr} module is found in the boot layer
 * and readable from this module.
 *
 * <p>The cost while an event is off: one test of a constant when {@code jdk.jfr} is absent, and one
 * {@code isEnabled()} check without allocation when it is present. Only an enabled event allocates
 * its object; only an event over its threshold is filled in (the pipe's mode and peer are looked up
 * then) and committed.
 */
final class PipeEvents {
  private PipeEvents() {}

  /** Whether {@code jdk.jfr} is present and readable from this module. */
  private static final boolean JFR = jfrReadable();

  /**
   * One read or write being timed. Made only while its event type is enabled.
   *
   * <p>{@link #finish} ends the timing and commits the event when it is over its threshold.
   */
  interface Span {
    /**
     * Ends the transfer and commits its event if it is over the threshold.
     *
     * @param pipe the pipe the bytes went through
     * @param result the bytes moved (0 when it would block), or -1 at end of stream
     */
    void finish(AbstractNamedPipe pipe, long result);
  }

  /** An open attempt, timed by {@link #connect}. */
  @FunctionalInterface
  interface Opener {
    /**
     * Opens the client.
     *
     * @return the client
     * @throws IOException if the open fails
     */
    NamedPipeClient open() throws IOException;
  }

  /**
   * Starts timing a read.
   *
   * @return the span, or null when {@code dev.npipe4j.PipeRead} is off
   */
  static @Nullable Span read() {
    return JFR ? FlightEvents.read() : null;
  }

  /**
   * Starts timing a write.
   *
   * @return the span, or null when {@code dev.npipe4j.PipeWrite} is off
   */
  static @Nullable Span write() {
    return JFR ? FlightEvents.write() : null;
  }

  /**
   * Finishes a span when an asynchronous transfer completes; a failed or cancelled transfer commits
   * nothing.
   *
   * @param span the span, from {@link #read()} or {@link #write()}, not null
   * @param pipe the pipe
   * @param transfer the transfer's future: bytes, or -1 at end of stream
   */
  static void finishOnCompletion(
      Span span, AbstractNamedPipe pipe, CompletableFuture<? extends Number> transfer) {
    // Only times: the stage completes as the transfer does (the caller holds that), and a failure
    // to record must not reach the caller.
    var unused =
        transfer.whenComplete(
            (n, error) -> {
              if (error == null) {
                span.finish(pipe, n.longValue());
              }
            });
  }

  /**
   * Opens a client, recording {@code dev.npipe4j.PipeConnect} when that event is on.
   *
   * @param name the pipe's name
   * @param mode the client's read mode
   * @param timeout the longest wait, or null for an open that does not wait
   * @param opener the open itself
   * @return the client
   * @throws IOException as the opener
   */
  static NamedPipeClient connect(
      String name, PipeMode mode, @Nullable Duration timeout, Opener opener) throws IOException {
    return JFR ? FlightEvents.connect(name, mode, timeout, opener) : opener.open();
  }

  /**
   * Records {@code dev.npipe4j.PipeConnect} for an asynchronous open when it completes, if that
   * event is on.
   *
   * @param name the pipe's name
   * @param mode the client's read mode
   * @param timeout the open's timeout
   * @param opening the open's future
   * @return {@code opening}
   */
  static CompletableFuture<NamedPipeClient> connectAsync(
      String name, PipeMode mode, Duration timeout, CompletableFuture<NamedPipeClient> opening) {
    if (JFR) {
      FlightEvents.connectAsync(name, mode, timeout, opening);
    }
    return opening;
  }

  /**
   * Records {@code dev.npipe4j.PipeAccept} when a server instance's connect completes, if that
   * event is on.
   *
   * @param server the instance
   * @param connect its connect future
   * @return {@code connect}
   */
  static CompletableFuture<Void> accept(NamedPipeServer server, CompletableFuture<Void> connect) {
    if (JFR) {
      FlightEvents.accept(server, connect);
    }
    return connect;
  }

  private static boolean jfrReadable() {
    Optional<Module> jfr = ModuleLayer.boot().findModule("jdk.jfr");
    return jfr.isPresent() && PipeEvents.class.getModule().canRead(jfr.get());
  }
}
