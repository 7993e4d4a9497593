package dev.npipe4j;

/**
 * How a pipe delimits data.
 *
 * <p>The server's mode is fixed when it is created ({@link ServerOptions#pipeMode}); a client asks
 * for a read mode when it opens ({@link ClientOptions#pipeMode}).
 */
public enum PipeMode {
  /**
   * A stream of bytes. Writes may be merged and reads may return any number of bytes, like a TCP
   * socket.
   */
  BYTE,

  /**
   * A stream of messages. Each write is one message; a read returns bytes of at most one message,
   * so boundaries are kept. Supported on Windows only for now: the Unix backend refuses it with
   * {@link UnsupportedOperationException}.
   */
  MESSAGE
}
