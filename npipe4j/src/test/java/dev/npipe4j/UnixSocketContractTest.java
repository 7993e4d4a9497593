package dev.npipe4j;

import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The socket adapter's contract on the Unix domain socket backend. */
@DisabledOnOs(OS.WINDOWS)
class UnixSocketContractTest extends AbstractSocketContractTest {
  @Override
  protected ServerOptions socketServer() {
    return new ServerOptions();
  }
}
