package dev.npipe4j;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The socket adapter's contract on Win32 named pipes of message type (real Windows, or Wine). */
@EnabledOnOs(OS.WINDOWS)
class WindowsSocketContractTest extends AbstractSocketContractTest {
  @Override
  protected ServerOptions socketServer() {
    return new ServerOptions().pipeMode(PipeMode.MESSAGE);
  }
}
