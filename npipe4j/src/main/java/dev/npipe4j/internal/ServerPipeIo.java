package dev.npipe4j.internal;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * A server instance as a backend implements it: a {@link PipeIo} that waits for a client.
 *
 * <p>{@link #connect()} is cancel-safe: cancelling the returned future leaves the instance
 * listening, and the next call returns a future for the same wait. A connect that finds a client
 * that has already come and gone completes normally; the first read then returns end of stream.
 */
public abstract class ServerPipeIo extends PipeIo {
  /** Creates an instance. */
  protected ServerPipeIo() {}

  /**
   * Waits for a client.
   *
   * @return a future completed when a client is connected, or failed with the OS error
   */
  public abstract CompletableFuture<Void> connect();

  /**
   * Drops the connected client, if any, so that {@link #connect()} can accept the next one. Data
   * not yet read by either side is discarded, and no state of the old client reaches the next.
   *
   * @throws IOException if the OS reports a failure
   */
  public abstract void disconnect() throws IOException;
}
