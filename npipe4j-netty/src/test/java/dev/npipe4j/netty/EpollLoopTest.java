package dev.npipe4j.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On Netty's epoll loops the channels' reads and writes never pass through the library's driver
 * thread: round trips there cost that thread no CPU time, where on NIO's loops each one wakes it.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(LeakCheck.class)
class EpollLoopTest {
  private static final int ROUND_TRIPS = 2000;

  /** The driver thread's CPU time at most, over all the round trips, on the epoll loops. */
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(3);

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

  @Test
  void roundTripsOnEpollLoopsLeaveTheLibrarysDriverAsleep() throws Exception {
    long epoll = driverNanosOver(Pipes.epollGroup(2));
    assertTrue(epoll < QUIET_NANOS, "the driver ran " + epoll / 1000 + " µs on epoll's loops");
  }

  @Test
  void roundTripsOnNioLoopsWakeTheLibrarysDriver() throws Exception {
    // The measure sees the driver: through the library's readiness futures, it runs every time.
    long nio = driverNanosOver(Pipes.group(2));
    assertTrue(nio > QUIET_NANOS, "the driver ran only " + nio / 1000 + " µs on NIO's loops");
  }

  /** The library's driver thread's CPU time over {@link #ROUND_TRIPS} echoes on the group. */
  private static long driverNanosOver(EventLoopGroup group) throws Exception {
    try {
      NamedPipeAddress address = Pipes.uniqueAddress();
      Channel server = Pipes.bind(Pipes.server(group, new EchoTest.Echo()), address);
      PingPong warm = new PingPong(10);
      Channel warmClient = Pipes.connect(Pipes.client(group, warm), address);
      warm.start(warmClient);
      warm.done.get(Pipes.WAIT_SECONDS, TimeUnit.SECONDS); // the accepts are behind us
      PingPong trips = new PingPong(ROUND_TRIPS);
      Channel client = Pipes.connect(Pipes.client(group, trips), address);
      Thread.sleep(100); // the accept's own wake-ups are over
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long driver = driverThreadId();
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

  private static long driverThreadId() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("npipe4j-epoll"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no npipe4j-epoll thread: not the Linux backend?"))
        .threadId();
  }
}
