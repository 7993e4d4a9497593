package dev.npipe4j.netty;

import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@link EchoTest} on {@link NamedPipeIoHandler} loops, which lead the library's completion port.
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsEchoTest extends EchoTest {
  @Override
  EventLoopGroup newGroup(int threads) {
    return Pipes.windowsGroup(threads);
  }
}
