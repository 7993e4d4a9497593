package dev.npipe4j.netty;

import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@link BackpressureTest} on Netty's epoll loops, where the channels wait in the loop's epoll set.
 */
@EnabledOnOs(OS.LINUX)
class EpollBackpressureTest extends BackpressureTest {
  @Override
  EventLoopGroup newGroup(int threads) {
    return Pipes.epollGroup(threads);
  }
}
