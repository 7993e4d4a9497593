package dev.npipe4j;

import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The half-close on the Unix domain socket backend: {@code shutdown(SHUT_WR)} in byte mode. */
@DisabledOnOs(OS.WINDOWS)
class UnixHalfCloseContractTest extends AbstractHalfCloseContractTest {
  @Override
  protected ServerOptions halfCloseServer() {
    return new ServerOptions();
  }
}
