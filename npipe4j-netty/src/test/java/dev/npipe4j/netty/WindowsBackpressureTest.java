package dev.npipe4j.netty;

import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@link BackpressureTest} on {@link NamedPipeIoHandler} loops, which lead the library's completion
 * port.
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsBackpressureTest extends BackpressureTest {
  @Override
  EventLoopGroup newGroup(int threads) {
    return Pipes.windowsGroup(threads);
  }
}
