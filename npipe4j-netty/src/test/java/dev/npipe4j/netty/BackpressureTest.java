package dev.npipe4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class BackpressureTest {
  /**
   * The loops the suite runs on: {@link Pipes#group}'s here, epoll's in {@link
   * EpollBackpressureTest}.
   */
  EventLoopGroup newGroup(int threads) {
    return Pipes.group(threads);
  }

  private static final int CHUNK = 64 * 1024;

  private EventLoopGroup group;

  @BeforeEach
  void start() {
    group = newGroup(2);
  }

  @AfterEach
  void stop() {
    Pipes.shutdown(group);
  }

  /** Counts and releases what it reads; reads only once told to. */
  static final class Sink extends ChannelInboundHandlerAdapter {
    final AtomicLong received = new AtomicLong();
    final CompletableFuture<Channel> active = new CompletableFuture<>();
    volatile long expected = Long.MAX_VALUE;
    final CompletableFuture<Long> done = new CompletableFuture<>();

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      active.complete(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      long total = received.addAndGet(buf.readableBytes());
      buf.release();
      if (total >= expected) {
        done.complete(total);
      }
    }
  }

  @Test
  void isWritableFlipsWhileThePeerDoesNotReadAndRecoversWhenItDoes() throws Exception {
    NamedPipeAddress address = Pipes.uniqueAddress();
    Sink sink = new Sink();
    Channel server =
        Pipes.bind(Pipes.server(group, sink).childOption(ChannelOption.AUTO_READ, false), address);
    CountDownLatch unwritable = new CountDownLatch(1);
    CountDownLatch writableAgain = new CountDownLatch(1);
    AtomicBoolean draining = new AtomicBoolean();
    Channel client =
        Pipes.connect(
            Pipes.client(
                    group,
                    new ChannelInboundHandlerAdapter() {
                      @Override
                      public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                        if (!ctx.channel().isWritable()) {
                          unwritable.countDown();
                        } else if (draining.get()) {
                          writableAgain.countDown();
                        }
                      }
                    })
                .option(
                    ChannelOption.WRITE_BUFFER_WATER_MARK,
                    new WriteBufferWaterMark(CHUNK, 4 * CHUNK)),
            address);
    Channel child = sink.active.get(Pipes.WAIT_SECONDS, TimeUnit.SECONDS);
    // 32 MiB while the peer reads nothing: more than the pipe buffers, so the rest waits in the
    // outbound buffer, far above the high mark.
    long total = 0;
    List<ChannelFuture> writes = new ArrayList<>();
    for (int i = 0; i < 512; i++) {
      writes.add(client.writeAndFlush(Unpooled.wrappedBuffer(new byte[CHUNK])));
      total += CHUNK;
    }
    assertTrue(unwritable.await(Pipes.WAIT_SECONDS, TimeUnit.SECONDS), "never unwritable");
    Thread.sleep(100);
    assertFalse(client.isWritable(), "writable although the peer reads nothing");
    assertFalse(writes.get(writes.size() - 1).isDone(), "every write done while nobody reads");
    draining.set(true);
    sink.expected = total;
    child.config().setAutoRead(true);
    assertEquals(total, sink.done.get(Pipes.WAIT_SECONDS, TimeUnit.SECONDS));
    assertTrue(writableAgain.await(Pipes.WAIT_SECONDS, TimeUnit.SECONDS), "never writable again");
    for (ChannelFuture f : writes) {
      assertTrue(f.await(Pipes.WAIT_SECONDS, TimeUnit.SECONDS) && f.isSuccess(), "" + f.cause());
    }
    client.close().sync();
    server.close().sync();
  }

  @Test
  void closeWithWritesPendingFailsThemClearlyAndReleasesTheirBuffers() throws Exception {
    NamedPipeAddress address = Pipes.uniqueAddress();
    Sink sink = new Sink();
    Channel server =
        Pipes.bind(Pipes.server(group, sink).childOption(ChannelOption.AUTO_READ, false), address);
    Channel client =
        Pipes.connect(Pipes.client(group, new ChannelInboundHandlerAdapter()), address);
    sink.active.get(Pipes.WAIT_SECONDS, TimeUnit.SECONDS);
    List<ChannelFuture> writes = new ArrayList<>();
    List<ByteBuf> buffers = new ArrayList<>();
    for (int i = 0; i < 256; i++) { // 16 MiB: far beyond what the pipe buffers
      ByteBuf buf = client.alloc().directBuffer(CHUNK).writeZero(CHUNK);
      buffers.add(buf);
      writes.add(client.writeAndFlush(buf));
    }
    ChannelFuture last = writes.get(writes.size() - 1);
    assertFalse(last.isDone(), "the last write completed although the peer reads nothing");
    client.close().sync();
    int failed = 0;
    for (ChannelFuture f : writes) {
      assertTrue(f.await(Pipes.WAIT_SECONDS, TimeUnit.SECONDS));
      if (!f.isSuccess()) {
        assertInstanceOf(ClosedChannelException.class, f.cause());
        failed++;
      }
    }
    assertTrue(failed > 0, "no write was pending at close");
    for (ByteBuf buf : buffers) {
      assertEquals(0, buf.refCnt(), "a written buffer was not released");
    }
    server.close().sync();
  }
}
