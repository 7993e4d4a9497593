package dev.npipe4j.netty;

import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@link HalfCloseTest} on Netty's epoll loops, where the channels wait in the loop's epoll set.
 */
@EnabledOnOs(OS.LINUX)
class EpollHalfCloseTest extends HalfCloseTest {
  @Override
  EventLoopGroup newGroup(int threads) {
    return Pipes.epollGroup(threads);
  }
}
