package dev.npipe4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousByteChannel;
import java.nio.channels.ByteChannel;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One end of a named pipe: a {@link NamedPipeServer} instance or a {@link NamedPipeClient}.
 *
 * <p>Three styles of I/O share one pipe, and may be mixed:
 *
 * <ul>
 *   <li><b>Readiness</b>, as tokio's: wait with {@link #ready(Interest)}, then move data with
 *       {@link #tryRead(ByteBuffer)} and {@link #tryWrite(ByteBuffer)}, which never block and
 *       return 0 when they would. They follow Java NIO conventions: -1 is end of stream.
 *   <li><b>Asynchronous</b>, as {@link AsynchronousByteChannel}: {@link #read(ByteBuffer)} and
 *       {@link #write(ByteBuffer)} return {@link CompletableFuture}s, or take a {@link
 *       java.nio.channels.CompletionHandler}.
 *   <li><b>Blocking</b>, through {@link #inputStream()}, {@link #outputStream()} and {@link
 *       #blockingChannel()}. A blocked virtual thread is parked and costs no platform thread.
 * </ul>
 *
 * {@snippet :
 * ByteBuffer buf = ByteBuffer.allocate(65536);
 * while (true) {
 *   pipe.readable().get();
 *   int n = pipe.tryRead(buf.clear());
 *   if (n < 0) break;        // end of stream
 *   if (n == 0) continue;    // readiness was stale: wait again
 *   process(buf.flip());
 * }
 * }
 *
 * <p>A platform thread that blocks waits for its own I/O in the OS. A virtual thread that blocks
 * parks, and the library's I/O thread, which runs no user code, unparks it when the OS reports. A
 * virtual thread that waits to read first lets the other runnable virtual threads run, then issues
 * its read: under load the peer's bytes are usually there by then, and the read completes at once,
 * with no park at all. Measured under Wine 8 on 2 cores, 200 clients on virtual threads made
 * 0.75-1.15 times a C program's round trips per second with the default carriers (12 rounds in four
 * runs; 0.5-0.65 times when each read was issued ahead and pended), and more carriers than
 * processors did not help.
 *
 * <p>In {@link PipeMode#MESSAGE message mode} a read returns bytes of one message at most; a
 * message longer than the buffer is returned over several reads, and {@link
 * #messageBytesRemaining()} tells how much of it is left. A write sends the whole buffer as one
 * message, or nothing.
 *
 * <p>All methods are thread-safe. At most one {@link #read(ByteBuffer)} and one {@link
 * #write(ByteBuffer)} may be outstanding at a time, as {@link AsynchronousByteChannel} requires.
 * {@link #close()} is idempotent and safe with I/O in flight: outstanding futures fail with {@link
 * java.nio.channels.AsynchronousCloseException}.
 *
 * <p>Cancelling the future of {@link #read(ByteBuffer)}, {@link #write(ByteBuffer)}, {@link
 * #readMessage()} or {@link #asyncIo} is exact, at any moment: if {@code cancel} returns true, the
 * operation moved nothing (a cancelled read took no byte and no message, which stay for the next
 * read) and it stops waiting at once; if the operation moved data first, {@code cancel} returns
 * false and the future completes with it. A cancel that comes while a non-blocking attempt runs
 * waits for that attempt. The same holds for {@code complete}, {@code completeExceptionally} and
 * {@code orTimeout} on those futures. A blocking read interrupted while it waits takes nothing.
 */
public sealed interface NamedPipe extends AsynchronousByteChannel
    permits NamedPipeServer, NamedPipeClient {

  /**
   * Returns the pipe's name as given when it was created or opened.
   *
   * @return the name
   */
  String name();

  /**
   * Returns what the operating system reports about the pipe.
   *
   * @return the pipe's mode, end, instance limit and buffer sizes
   * @throws IOException if the query fails or the pipe is closed
   */
  PipeInfo info() throws IOException;

  /**
   * Returns the process id of the process at the other end.
   *
   * @return the peer's process id
   * @throws IOException if no peer is connected or the OS cannot tell
   */
  long peerProcessId() throws IOException;

  /**
   * Returns who is at the other end: the process id, and where the OS has them the user's name,
   * numeric ids or SID, and login session ({@link PeerCredentials} says what each OS gives). On a
   * server end of Windows this impersonates the client for an instant, on a platform thread, to
   * read its token; the calling thread's identity is unchanged afterwards.
   *
   * {@snippet :
   * PeerCredentials peer = server.peerCredentials();
   * System.out.println("client pid " + peer.processId() + ", user " + peer.userName().orElse("?"));
   * }
   *
   * @return the peer's credentials
   * @throws IOException if no peer is connected or the OS cannot tell
   */
  PeerCredentials peerCredentials() throws IOException;

  /**
   * Waits until the pipe is ready for any of the given interests.
   *
   * @param interest what to wait for
   * @return a future completed with the readiness; it fails with {@link
   *     java.nio.channels.ClosedChannelException} if the pipe is closed
   */
  CompletableFuture<Ready> ready(Interest interest);

  /**
   * Waits until the pipe is readable: data, end of stream or an error is there.
   *
   * @return a future completed when readable
   */
  CompletableFuture<Void> readable();

  /**
   * Waits until the pipe is writable.
   *
   * @return a future completed when writable
   */
  CompletableFuture<Void> writable();

  /**
   * Reads what is available without blocking.
   *
   * @param dst the buffer to fill
   * @return the number of bytes read, 0 if none is available (or {@code dst} has no room), or -1 at
   *     end of stream
   * @throws java.nio.channels.ClosedChannelException if the pipe is closed
   * @throws IOException if the read fails
   */
  int tryRead(ByteBuffer dst) throws IOException;

  /**
   * Reads what is available without blocking, filling the buffers in turn.
   *
   * @param dsts the buffers to fill
   * @return the number of bytes read, 0 if none is available, or -1 at end of stream
   * @throws IOException if the read fails
   */
  long tryRead(ByteBuffer[] dsts) throws IOException;

  /**
   * Writes what the pipe accepts now, without blocking.
   *
   * @param src the bytes to write
   * @return the number of bytes written, or 0 if the pipe cannot take any now
   * @throws IOException if the write fails, for example because the peer has gone
   */
  int tryWrite(ByteBuffer src) throws IOException;

  /**
   * Writes what the pipe accepts now from the buffers in turn, without blocking. In message mode
   * the buffers together form one message.
   *
   * @param srcs the bytes to write
   * @return the number of bytes written, or 0 if the pipe cannot take any now
   * @throws IOException if the write fails
   */
  long tryWrite(ByteBuffer[] srcs) throws IOException;

  /**
   * Runs a non-blocking action if the pipe is ready for the interest. If the action returns null
   * (it would block), the readiness is lowered, so the next {@link #ready(Interest)} waits for a
   * new event.
   *
   * @param interest the readiness the action needs
   * @param action the action
   * @param <T> the result type
   * @return the action's result, or null if the pipe was not ready or the action would block
   * @throws IOException if the action fails or the pipe is closed
   */
  <T> @Nullable T tryIo(Interest interest, IoCall<T> action) throws IOException;

  /**
   * Runs a non-blocking action each time the pipe becomes ready for the interest, until it returns
   * a result. The first run is on the calling thread, later ones on the library's callback
   * executor, one at a time. Cancelling the future is exact (see the class comment): once {@code
   * cancel} returns true, the action never runs again, and it has returned no result.
   *
   * @param interest the readiness the action needs
   * @param action the action; it returns null when it would block
   * @param <T> the result type
   * @return a future completed with the first non-null result
   */
  <T> CompletableFuture<T> asyncIo(Interest interest, IoCall<T> action);

  /**
   * Reads one whole message, of any size, in message mode. The pipe assembles a message before it
   * becomes readable, so the future completes with all of it at once; if part of the current
   * message was already read through {@link #read(ByteBuffer)}, the future completes with the rest.
   *
   * {@snippet :
   * for (byte[] message; (message = pipe.readMessage().get()) != null; ) {
   *   handle(message);
   * }
   * }
   *
   * <p>A zero-length message is how a peer ends its side of the conversation: it is what {@link
   * #closeWrite()} sends, and what go-winio's {@code CloseWrite()} sends. This method reports it as
   * an empty array, which tells it apart from null, the end of the pipe itself. Every other view
   * ({@link #read(ByteBuffer)}, {@link #tryRead(ByteBuffer)}, the streams and the blocking channel)
   * reads it as end of stream. Nothing after it is read: later reads return -1 and later calls of
   * this method complete with null, while writes in the other direction go on.
   *
   * @return a future completed with the message, with an empty array for a zero-length message, or
   *     with null at end of stream
   * @throws UnsupportedOperationException if this end does not read in {@link PipeMode#MESSAGE}
   *     mode (a server created in byte mode, a client opened in byte mode, or a pipe on the JDK
   *     socket backend)
   */
  CompletableFuture<byte[]> readMessage();

  /**
   * Tells how many bytes of the current message are still unread, in message mode.
   *
   * @return the bytes left of a partly read message, or 0 if none is partly read (always 0 in byte
   *     mode)
   */
  int messageBytesRemaining();

  /**
   * Reads a sequence of bytes into the buffer. The future completes with the number of bytes read,
   * or -1 at end of stream.
   *
   * @param dst the buffer to fill
   * @return a future for the number of bytes read
   * @throws java.nio.channels.ReadPendingException if a read is outstanding already
   * @throws IllegalArgumentException if the buffer is read-only
   */
  @Override
  CompletableFuture<Integer> read(ByteBuffer dst);

  /**
   * Writes a sequence of bytes from the buffer. The future completes with the number of bytes
   * written, which is at least one unless the buffer is empty.
   *
   * @param src the bytes to write
   * @return a future for the number of bytes written
   * @throws java.nio.channels.WritePendingException if a write is outstanding already
   */
  @Override
  CompletableFuture<Integer> write(ByteBuffer src);

  /**
   * Closes the write direction and keeps the read direction open (a half-close): the peer reads end
   * of stream after every byte written before, and can still answer on the same pipe. Bytes of a
   * write still in flight are delivered first. Idempotent. Later writes fail with {@link
   * java.nio.channels.ClosedChannelException}, as a {@link java.nio.channels.SocketChannel}'s do
   * after {@code shutdownOutput}; the pipe stays open until {@link #close()}.
   *
   * <ul>
   *   <li>On Unix it is {@code shutdown(SHUT_WR)}.
   *   <li>On Windows, for a pipe of {@link PipeMode#MESSAGE message type} (whatever this end's read
   *       mode), it writes a zero-length message, as go-winio's {@code CloseWrite()} does; npipe4j
   *       and go-winio read that message as end of stream (see {@link #readMessage()}).
   *   <li>A Windows pipe of byte type has no half-close: a zero-byte write reaches no reader there,
   *       so the call is refused. Close the pipe instead, or create it in message mode.
   * </ul>
   *
   * {@snippet :
   * pipe.outputStream().write(request);
   * pipe.closeWrite();                                 // the peer sees end of stream
   * byte[] answer = pipe.inputStream().readAllBytes(); // and can still answer
   * }
   *
   * @throws UnsupportedOperationException on a Windows pipe of byte type
   * @throws java.nio.channels.ClosedChannelException if the pipe is closed
   * @throws IOException if no peer is connected, or the OS reports a failure
   */
  void closeWrite() throws IOException;

  /**
   * Returns a blocking input stream over the pipe. Each call returns a view of the same pipe;
   * closing the stream closes the pipe.
   *
   * @return the stream
   */
  InputStream inputStream();

  /**
   * Returns a blocking output stream over the pipe. Writes block until every byte is handed to the
   * pipe. Closing the stream closes the pipe.
   *
   * @return the stream
   */
  OutputStream outputStream();

  /**
   * Returns a blocking channel over the pipe, for use with {@link java.nio.channels.Channels} and
   * {@code transferTo}. A read blocks until at least one byte is there; a write until every byte is
   * handed to the pipe. Closing the channel closes the pipe.
   *
   * @return the channel
   */
  ByteChannel blockingChannel();

  /**
   * Closes the pipe. Idempotent. Outstanding operations fail with {@link
   * java.nio.channels.AsynchronousCloseException}; bytes already written are still delivered to the
   * peer.
   *
   * @throws IOException if the OS reports a failure while closing
   */
  @Override
  void close() throws IOException;
}
