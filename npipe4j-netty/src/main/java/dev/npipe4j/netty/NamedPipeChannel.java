package dev.npipe4j.netty;

import dev.npipe4j.NamedPipe;
import dev.npipe4j.PipeMode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.AbstractChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.DuplexChannel;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;

/**
 * A Netty channel over one end of an npipe4j {@link NamedPipe}: a client that {@code Bootstrap}
 * connects to a {@link NamedPipeAddress}, or a connection that a {@link NamedPipeServerChannel}
 * accepted.
 *
 * {@snippet :
 * Channel ch = new Bootstrap()
 *     .group(group)
 *     .channel(NamedPipeChannel.class)
 *     .handler(new MyHandler())
 *     .connect(NamedPipeAddress.of("\\\\.\\pipe\\demo"))
 *     .sync()
 *     .channel();
 * }
 *
 * <h2>Threads and event loops</h2>
 *
 * <p>The channel runs on any Netty {@link EventLoop}, and reads and writes with the pipe's
 * non-blocking {@link NamedPipe#tryRead(ByteBuffer)} and {@link NamedPipe#tryWrite(ByteBuffer[])}
 * on the loop's thread, until they would block. How it then learns that the pipe is ready again
 * depends on the loop:
 *
 * <ul>
 *   <li>On Netty's epoll loops ({@code EpollIoHandler}, Linux, with the Linux backend of the
 *       library), the pipe's socket waits in the loop's own epoll set, as Netty's own channels do:
 *       its events run the reads and writes directly, and the library's driver thread is not
 *       involved. This is the fast path; put the pipes on such a group.
 *   <li>On NIO's loops ({@code NioIoHandler}) with the library's JDK socket backend (macOS, or
 *       Linux with the Linux backend turned off), the pipe's socket channel waits in the loop's
 *       selector, beside the library's own.
 *   <li>On Windows, on {@link NamedPipeIoHandler}'s loops, which lead the library's completion port
 *       themselves: a hook on the pipe's readiness runs the read or write step on the loop's thread
 *       when that thread dequeued the completion, and hands it to the loop as a task otherwise
 *       (several loops lead the one port in turn).
 *   <li>On any other loop (NIO's with the Linux backend, whose group a gRPC or HTTP stack may share
 *       with its sockets, Netty's {@code LocalIoHandler} ones, a {@code DefaultEventLoopGroup}, and
 *       other loops on Windows), it waits for {@link NamedPipe#readable()} or {@link
 *       NamedPipe#writable()}, whose completion, on the library's thread, only queues the next step
 *       on the loop: one hop between threads each time the pipe would block.
 * </ul>
 *
 * {@snippet :
 * EventLoopGroup epoll = new MultiThreadIoEventLoopGroup(EpollIoHandler.newFactory()); // Linux
 * EventLoopGroup nio = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory()); // anywhere
 * Channel server = new ServerBootstrap()
 *     .group(epoll) // accepted channels wait in these loops' epoll sets
 *     .channel(NamedPipeServerChannel.class)
 *     .childHandler(new MyHandler())
 *     .bind(NamedPipeAddress.of("\\\\.\\pipe\\demo"))
 *     .sync()
 *     .channel();
 * }
 *
 * <p>The epoll loops need Netty's {@code netty-transport-classes-epoll} and its native library,
 * which a user of those loops has already; this module does not require them. Either way handlers
 * always run on the channel's loop, and the library's driver thread never runs user code. When the
 * loop's group shuts down, the channel is closed, as Netty's own transports are. Accepted channels
 * of a {@link NamedPipeServerChannel} take the path of the child group's loops; accepting itself
 * always goes through the library.
 *
 * <h2>Connecting</h2>
 *
 * <p>Connecting opens the pipe with {@link dev.npipe4j.ClientOptions#openAsync(String,
 * java.time.Duration)}, waiting up to {@link io.netty.channel.ChannelOption#CONNECT_TIMEOUT_MILLIS}
 * (Netty's default 30 s; 0, Netty's "no timeout", waits as long as it takes) for the pipe to exist
 * and an instance to be free; the failure is the library's ({@link
 * java.nio.file.NoSuchFileException}, {@link dev.npipe4j.PipeBusyException}...).
 *
 * <h2>Half-close</h2>
 *
 * <p>{@link #shutdownOutput()} is {@link NamedPipe#closeWrite()}: the peer reads end of stream
 * after every byte written before. On Windows that needs a pipe of {@link PipeMode#MESSAGE message}
 * type; on a byte pipe there the shutdown fails with {@link UnsupportedOperationException}. When
 * the peer ends its side, the channel is closed, or with {@link
 * io.netty.channel.ChannelOption#ALLOW_HALF_CLOSURE} it fires {@link ChannelInputShutdownEvent} and
 * then {@link ChannelInputShutdownReadComplete} and stays open for writing. {@link
 * #shutdownInput()} has no counterpart in a pipe: it stops reading on this side only (bytes the
 * peer sends later are discarded by closing).
 *
 * <h2>Messages and buffers</h2>
 *
 * <p>The channel writes {@link ByteBuf}s only. In message mode each {@code ByteBuf} is written as
 * one message. Writes honour {@link io.netty.channel.ChannelOption#WRITE_BUFFER_WATER_MARK}: while
 * the pipe is full the bytes wait in the outbound buffer, and {@link #isWritable()} turns false
 * above the high mark. Closing fails the writes still waiting with {@link ClosedChannelException}
 * and releases their buffers.
 */
public final class NamedPipeChannel extends AbstractChannel implements DuplexChannel {
  private static final ChannelMetadata METADATA = new ChannelMetadata(false, 16);

  private final NamedPipeChannelConfig config = new NamedPipeChannelConfig(this);
  private final ShutdownClose shutdownClose = new ShutdownClose(this);

  /** How the pipe's readiness reaches the loop, while registered with a pipe. Loop only. */
  private PipeWaits waits;

  /** The pipe once connected; written on the loop only. */
  private volatile NamedPipe pipe;

  private volatile NamedPipeAddress remote;
  private volatile NamedPipeAddress local;
  private volatile boolean open = true;
  private volatile boolean inputShutdown;
  private volatile boolean outputShutdown;

  /** A read was asked for and not yet satisfied. Loop only. */
  private boolean readRequested;

  /** Waiting for {@link NamedPipe#readable()}. Loop only. */
  private boolean readWaiting;

  /** Waiting for {@link NamedPipe#writable()}: flushes wait too. Loop only. */
  private boolean writeWaiting;

  /** A connect is under way. Loop only. */
  boolean connecting;

  /** Creates a client channel; {@code Bootstrap} calls this. */
  public NamedPipeChannel() {
    super(null);
  }

  /** An accepted connection of a server channel. */
  NamedPipeChannel(Channel parent, NamedPipe pipe, NamedPipeAddress address, PipeMode mode) {
    super(parent);
    this.pipe = pipe;
    this.local = address;
    this.remote = address;
    config.setPipeMode(mode);
  }

  @Override
  public NamedPipeChannelConfig config() {
    return config;
  }

  @Override
  public ChannelMetadata metadata() {
    return METADATA;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public boolean isActive() {
    NamedPipe p = pipe;
    return open && p != null && p.isOpen();
  }

  @Override
  public NamedPipeAddress localAddress() {
    return (NamedPipeAddress) super.localAddress();
  }

  @Override
  public NamedPipeAddress remoteAddress() {
    return (NamedPipeAddress) super.remoteAddress();
  }

  @Override
  protected SocketAddress localAddress0() {
    return local;
  }

  @Override
  protected SocketAddress remoteAddress0() {
    return remote;
  }

  @Override
  protected boolean isCompatible(EventLoop loop) {
    return true; // driven by tasks on the loop: any loop will do
  }

  @Override
  protected AbstractUnsafe newUnsafe() {
    return new PipeUnsafe();
  }

  @Override
  protected void doRegister(ChannelPromise promise) {
    shutdownClose.register(eventLoop());
    NamedPipe p = pipe;
    if (p != null) { // an accepted channel; a client's pipe comes with connected()
      waits = PipeWaits.of(this, eventLoop(), p);
    }
    promise.setSuccess();
  }

  @Override
  protected void doDeregister() {
    shutdownClose.deregister();
    stopWaits();
  }

  private void stopWaits() {
    PipeWaits w = waits;
    if (w != null) {
      waits = null;
      w.stop();
    }
    // Nothing waits any more: after a new registration, reads and flushes start afresh.
    readWaiting = false;
    writeWaiting = false;
  }

  @Override
  protected void doBind(SocketAddress localAddress) {
    throw new UnsupportedOperationException("a pipe client has no local address to bind");
  }

  @Override
  protected void doDisconnect() throws IOException {
    doClose();
  }

  @Override
  protected void doClose() throws IOException {
    open = false;
    stopWaits(); // first: the loop's selector lets go of the pipe's descriptor before it closes
    NamedPipe p = pipe;
    if (p != null) {
      p.close(); // waiting readable()/writable() fail; their steps find the channel closed
    }
    shutdownClose.deregister();
  }

  @Override
  protected void doShutdownOutput() throws IOException {
    NamedPipe p = pipe;
    if (p == null) {
      throw new ClosedChannelException();
    }
    p.closeWrite();
    outputShutdown = true;
  }

  @Override
  protected Object filterOutboundMessage(Object msg) {
    if (msg instanceof ByteBuf) {
      return msg;
    }
    throw new UnsupportedOperationException(
        "a NamedPipeChannel writes ByteBuf only, not " + msg.getClass().getName());
  }

  @Override
  protected void doBeginRead() {
    if (inputShutdown || pipe == null) {
      return;
    }
    readRequested = true;
    awaitReadable(); // never a read in place: auto-read asks again from channelReadComplete
  }

  /** The pipe may be readable: reads, if a read waits for that. */
  void readReady() {
    if (readWaiting) {
      readNow();
    }
  }

  /** The pipe may be writable: flushes, if a flush waits for that. */
  void writeReady() {
    if (writeWaiting) {
      writeWaiting = false;
      flushLater();
    }
  }

  /** The loop could not watch the pipe: the channel cannot go on. */
  void waitsFailed(Throwable cause) {
    pipeline().fireExceptionCaught(cause);
    unsafe().close(unsafe().voidPromise());
  }

  /** Whether a read returns one message at most. */
  boolean readsMessages() {
    return config.getPipeMode() == PipeMode.MESSAGE;
  }

  /** Reads until the pipe would block or the allocator says stop; then waits, if reads are on. */
  @SuppressWarnings(
      "deprecation") // Handle: what AbstractUnsafe hands out, as in Netty's own channels
  private void readNow() {
    readWaiting = false;
    NamedPipe p = pipe;
    if (!isActive() || inputShutdown || !(readRequested || config.isAutoRead())) {
      return;
    }
    RecvByteBufAllocator.Handle handle = unsafe().recvBufAllocHandle();
    handle.reset(config);
    ChannelPipeline pipeline = pipeline();
    ByteBuf buf = null;
    int last = 0;
    int reads = 0;
    try {
      do {
        buf = handle.allocate(config.getAllocator());
        handle.attemptedBytesRead(buf.writableBytes());
        last = p.tryRead(buf.internalNioBuffer(buf.writerIndex(), buf.writableBytes()));
        handle.lastBytesRead(last);
        if (last <= 0) {
          buf.release();
          buf = null;
          break;
        }
        buf.writerIndex(buf.writerIndex() + last);
        handle.incMessagesRead(1);
        reads++;
        readRequested = false;
        ByteBuf read = buf;
        buf = null;
        pipeline.fireChannelRead(read);
      } while (handle.continueReading() && isActive() && !inputShutdown);
      handle.readComplete();
      PipeWaits w = waits;
      if (w != null) { // before the pipeline asks for the next read
        w.readEnded(last, handle.attemptedBytesRead());
      }
      if (reads > 0) { // not on a wake-up that found nothing
        pipeline.fireChannelReadComplete();
      }
    } catch (IOException | RuntimeException e) {
      if (buf != null) {
        buf.release();
      }
      handle.readComplete();
      if (reads > 0) {
        pipeline.fireChannelReadComplete();
      }
      pipeline.fireExceptionCaught(e);
      if (e instanceof IOException) {
        unsafe().close(unsafe().voidPromise());
      }
      return;
    }
    if (last < 0) {
      inputEnded();
    } else if (readRequested || config.isAutoRead()) {
      awaitReadable();
    }
  }

  private void awaitReadable() {
    PipeWaits w = waits;
    if (readWaiting || w == null || !isActive()) {
      return;
    }
    readWaiting = true;
    w.awaitReadable();
  }

  /** The peer has ended its side. */
  private void inputEnded() {
    inputShutdown = true;
    if (!config.isAllowHalfClosure()) {
      unsafe().close(unsafe().voidPromise());
      return;
    }
    pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    pipeline().fireUserEventTriggered(ChannelInputShutdownReadComplete.INSTANCE);
    if (outputShutdown) {
      unsafe().close(unsafe().voidPromise());
    }
  }

  @Override
  protected void doWrite(ChannelOutboundBuffer in) throws IOException {
    NamedPipe p = pipe;
    boolean messages = config.getPipeMode() == PipeMode.MESSAGE;
    int spins = config.getWriteSpinCount();
    while (!in.isEmpty()) {
      long written;
      if (messages) {
        ByteBuf buf = (ByteBuf) in.current();
        written = buf.isReadable() ? p.tryWrite(buf.nioBuffer()) : -1;
      } else {
        // Netty's array is shared and longer than its count; the pipe wants only the buffers.
        ByteBuffer[] buffers = in.nioBuffers(1024, Integer.MAX_VALUE);
        int count = in.nioBufferCount();
        written =
            switch (count) {
              case 0 -> -1;
              case 1 -> p.tryWrite(buffers[0]);
              default -> p.tryWrite(Arrays.copyOf(buffers, count));
            };
      }
      if (written < 0) {
        in.remove(); // an empty buffer: nothing to write, as Netty's transports treat it
        continue;
      }
      if (written == 0) {
        awaitWritable();
        return;
      }
      in.removeBytes(written);
      if (--spins <= 0 && !in.isEmpty()) {
        eventLoop().execute(this::flushLater); // let the loop's other channels run
        return;
      }
    }
    PipeWaits w = waits;
    if (w != null) {
      w.writesDone();
    }
  }

  private void awaitWritable() {
    PipeWaits w = waits;
    if (w == null) {
      return; // deregistered: a later registration flushes again
    }
    writeWaiting = true;
    w.awaitWritable();
  }

  private void flushLater() {
    if (isOpen()) {
      ((PipeUnsafe) unsafe()).flushNow();
    }
  }

  @Override
  public boolean isInputShutdown() {
    return inputShutdown;
  }

  @Override
  public boolean isOutputShutdown() {
    return outputShutdown;
  }

  @Override
  public boolean isShutdown() {
    return (inputShutdown && outputShutdown) || !isActive();
  }

  @Override
  public ChannelFuture shutdownOutput() {
    return shutdownOutput(newPromise());
  }

  @Override
  public ChannelFuture shutdownOutput(ChannelPromise promise) {
    onLoop(() -> ((PipeUnsafe) unsafe()).shutdownOutput(promise));
    return promise;
  }

  @Override
  public ChannelFuture shutdownInput() {
    return shutdownInput(newPromise());
  }

  @Override
  public ChannelFuture shutdownInput(ChannelPromise promise) {
    onLoop(
        () -> {
          inputShutdown = true;
          promise.setSuccess();
        });
    return promise;
  }

  @Override
  public ChannelFuture shutdown() {
    return shutdown(newPromise());
  }

  @Override
  public ChannelFuture shutdown(ChannelPromise promise) {
    onLoop(
        () -> {
          inputShutdown = true;
          ((PipeUnsafe) unsafe()).shutdownOutput(promise);
        });
    return promise;
  }

  private void onLoop(Runnable task) {
    if (eventLoop().inEventLoop()) {
      task.run();
    } else {
      eventLoop().execute(task);
    }
  }

  /** The unsafe: connects, and holds flushes while the pipe is full. */
  private final class PipeUnsafe extends AbstractUnsafe {
    @Override
    public void connect(SocketAddress remoteAddress, SocketAddress localAddr, ChannelPromise p) {
      ClientConnect.start(NamedPipeChannel.this, remoteAddress, p);
    }

    @Override
    protected void flush0() {
      if (!writeWaiting) {
        super.flush0();
      }
    }

    void flushNow() {
      super.flush0();
    }
  }

  /** Called on the loop by {@link ClientConnect} with the opened pipe. */
  void connected(NamedPipe opened, NamedPipeAddress address) {
    this.pipe = opened;
    this.remote = address;
    this.local = address;
    waits = PipeWaits.of(this, eventLoop(), opened);
  }
}
