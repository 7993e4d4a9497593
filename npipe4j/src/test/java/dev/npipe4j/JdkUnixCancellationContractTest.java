package dev.npipe4j;

import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Cancellation on the JDK socket backend, in the build's fallback run; it has no message mode. */
@DisabledOnOs(OS.WINDOWS)
class JdkUnixCancellationContractTest extends AbstractCancellationContractTest {
  @Override
  protected boolean hasMessageMode() {
    return false;
  }
}
