package dev.npipe4j.netty;

import dev.npipe4j.NamedPipeServer;
import dev.npipe4j.PipeListener;
import io.netty.channel.AbstractServerChannel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Netty server channel over a named pipe: {@code ServerBootstrap} binds it to a {@link
 * NamedPipeAddress} and it accepts {@link NamedPipeChannel}s.
 *
 * {@snippet :
 * Channel server = new ServerBootstrap()
 *     .group(group)
 *     .channel(NamedPipeServerChannel.class)
 *     .childHandler(new MyHandler())
 *     .bind(NamedPipeAddress.of("\\\\.\\pipe\\demo"))
 *     .sync()
 *     .channel();
 * }
 *
 * <p>Binding creates the pipe's first instance with the {@link NamedPipeChannelOption}s of this
 * channel (so a pipe that another process serves fails the bind, as {@link
 * dev.npipe4j.ServerOptions#create(String)} fails). Accepting is the library's {@link
 * PipeListener}: an instance of the pipe listens at all times, and the next one is listening before
 * an accepted channel reaches the pipeline. With {@link NamedPipeChannelOption#MAX_INSTANCES},
 * accepting at the limit waits until an accepted channel closes. Accepted channels follow {@code
 * childOption}s, and the server channel's {@code AUTO_READ} governs accepting as for Netty's socket
 * servers.
 *
 * <p>Closing the server channel closes the listening instance and deletes the pipe's name once no
 * accepted channel uses it; accepted channels stay open until closed themselves.
 */
public final class NamedPipeServerChannel extends AbstractServerChannel {
  private final NamedPipeServerChannelConfig config = new NamedPipeServerChannelConfig(this);
  private final ShutdownClose shutdownClose = new ShutdownClose(this);

  private volatile PipeListener listener;
  private volatile NamedPipeAddress local;
  private volatile boolean open = true;

  /** An accept is outstanding. Loop only. */
  private boolean accepting;

  /** Creates a server channel; {@code ServerBootstrap} calls this. */
  public NamedPipeServerChannel() {}

  @Override
  public NamedPipeServerChannelConfig config() {
    return config;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public boolean isActive() {
    return open && listener != null;
  }

  @Override
  public NamedPipeAddress localAddress() {
    return (NamedPipeAddress) super.localAddress();
  }

  @Override
  protected SocketAddress localAddress0() {
    return local;
  }

  @Override
  protected boolean isCompatible(EventLoop loop) {
    return true;
  }

  @Override
  protected void doRegister(ChannelPromise promise) {
    shutdownClose.register(eventLoop());
    promise.setSuccess();
  }

  @Override
  protected void doDeregister() {
    shutdownClose.deregister();
  }

  @Override
  protected void doBind(SocketAddress localAddress) throws IOException {
    if (!(localAddress instanceof NamedPipeAddress address)) {
      throw new IllegalArgumentException(
          "a NamedPipeServerChannel binds to a NamedPipeAddress, not "
              + (localAddress == null ? "null" : localAddress.getClass().getName()));
    }
    listener = PipeListener.bind(address.name(), config.serverOptions());
    local = address;
  }

  @Override
  protected void doClose() throws IOException {
    open = false;
    PipeListener l = listener;
    shutdownClose.deregister();
    if (l != null) {
      l.close(); // an outstanding accept fails; its step finds the channel closed
    }
  }

  @Override
  protected void doBeginRead() {
    PipeListener l = listener;
    if (accepting || l == null || !open) {
      return;
    }
    accepting = true;
    EventLoop loop = eventLoop();
    CompletableFuture<NamedPipeServer> accept = l.accept();
    accept.whenComplete(
        (server, error) -> EventLoops.hop(loop, () -> accepted(server, error), server));
  }

  private void accepted(NamedPipeServer server, Throwable error) {
    accepting = false;
    ChannelPipeline pipeline = pipeline();
    if (!open) {
      EventLoops.closeQuietly(server);
      return;
    }
    if (error != null) {
      Throwable cause =
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      pipeline.fireExceptionCaught(cause);
      unsafe().close(unsafe().voidPromise());
      return;
    }
    pipeline.fireChannelRead(new NamedPipeChannel(this, server, local, config.pipeMode()));
    pipeline.fireChannelReadComplete();
    if (config.isAutoRead()) {
      doBeginRead();
    }
  }
}
