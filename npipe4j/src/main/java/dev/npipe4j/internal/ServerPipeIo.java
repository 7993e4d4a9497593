package dev.npipe4j.internal;

import dev.npipe4j.NamedPipeServer;
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

  /**
   * Runs an action as the connected client on the calling thread, and restores the thread's
   * previous identity afterwards, as {@code NamedPipeServer.impersonate} documents. By default
   * there is no such thing: a Unix socket carries no identity a thread can take.
   *
   * @param action the action
   * @param <R> the result type
   * @param <X> the action's checked exception
   * @return the action's result
   * @throws X what the action threw
   * @throws IOException if the client cannot be impersonated
   * @throws UnsupportedOperationException where impersonation does not exist
   */
  public <R, X extends Throwable> R impersonate(
      NamedPipeServer.ImpersonatedCall<? extends R, X> action) throws IOException, X {
    throw new UnsupportedOperationException(
        "impersonation is a Windows feature: a Unix socket gives the server no client token to run"
            + " as; decide with peerCredentials() (the client's uid and gid) instead");
  }
}
