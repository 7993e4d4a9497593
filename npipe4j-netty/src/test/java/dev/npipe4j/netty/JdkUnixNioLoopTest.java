package dev.npipe4j.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With the library's JDK socket backend (its own surefire run), on NIO's loops, a read reaches the
 * pipeline from the loop's selector, not from a step the library's readiness queued on the loop.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@ExtendWith(LeakCheck.class)
class JdkUnixNioLoopTest {
  /** Completes with the stack of the first read. */
  static final class FirstRead extends ChannelInboundHandlerAdapter {
    final CompletableFuture<StackTraceElement[]> stack = new CompletableFuture<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
      stack.complete(new Throwable().getStackTrace());
    }
  }

  @Test
  void readsComeFromTheLoopsSelector() throws Exception {
    assertTrue(
        Boolean.getBoolean("dev.npipe4j.unix.noNative"), "not in the JDK backend's surefire run");
    EventLoopGroup group = Pipes.group(1);
    try {
      NamedPipeAddress address = Pipes.uniqueAddress();
      FirstRead read = new FirstRead();
      Channel server = Pipes.bind(Pipes.server(group, read), address);
      Channel client =
          Pipes.connect(Pipes.client(group, new ChannelInboundHandlerAdapter()), address);
      client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {7}));
      StackTraceElement[] stack = read.stack.get(Pipes.WAIT_SECONDS, TimeUnit.SECONDS);
      assertTrue(
          Arrays.stream(stack).anyMatch(f -> f.getClassName().equals(NioWaits.class.getName())),
          () -> "read outside the selector:\n" + Arrays.toString(stack).replace(", ", "\n"));
      client.close().sync();
      server.close().sync();
    } finally {
      Pipes.shutdown(group);
    }
  }
}
