package dev.npipe4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How much CPU time the library's driver thread spends while channels on an event loop group echo
 * one byte back and forth: the measure of {@link EpollLoopTest} and {@link WindowsLoopTest}.
 */
final class DriverCpu {
  private DriverCpu() {}

  /** Sends one byte each time one comes back, {@code count} times. */
  static final class PingPong extends ChannelInboundHandlerAdapter {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private int left;

    PingPong(int count) {
      this.left = count;
    }

    void start(Channel ch) {
      ch.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ((ByteBuf) msg).release();
      if (--left == 0) {
        done.complete(null);
      } else {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      done.completeExceptionally(cause);
    }
  }

  /**
   * The CPU time of the driver thread named {@code driverName} over {@code roundTrips} echoes on
   * {@code group}, after a warm-up connection; shuts the group down.
   */
  static long driverNanosOver(EventLoopGroup group, String driverName, int roundTrips)
      throws Exception {
    try {
      NamedPipeAddress address = Pipes.uniqueAddress();
      Channel server = Pipes.bind(Pipes.server(group, new EchoTest.Echo()), address);
      PingPong warm = new PingPong(10);
      Channel warmClient = Pipes.connect(Pipes.client(group, warm), address);
      warm.start(warmClient);
      warm.done.get(Pipes.WAIT_SECONDS, TimeUnit.SECONDS); // the accepts are behind us
      PingPong trips = new PingPong(roundTrips);
      Channel client = Pipes.connect(Pipes.client(group, trips), address);
      Thread.sleep(100); // the accept's own wake-ups are over
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long driver = threadId(driverName);
      long before = threads.getThreadCpuTime(driver);
      trips.start(client);
      trips.done.get(Pipes.WAIT_SECONDS, TimeUnit.SECONDS);
      long spent = threads.getThreadCpuTime(driver) - before;
      client.close().sync();
      warmClient.close().sync();
      server.close().sync();
      return spent;
    } finally {
      Pipes.shutdown(group);
    }
  }

  private static long threadId(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " thread: not this OS's backend?"))
        .threadId();
  }
}
