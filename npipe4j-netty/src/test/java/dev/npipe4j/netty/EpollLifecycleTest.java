package dev.npipe4j.netty;

import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@link LifecycleTest} on Netty's epoll loops, where the channels wait in the loop's epoll set.
 */
@EnabledOnOs(OS.LINUX)
class EpollLifecycleTest extends LifecycleTest {
  @Override
  EventLoopGroup newGroup(int threads) {
    return Pipes.epollGroup(threads);
  }
}
