package dev.npipe4j.unix.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** currentUserOnly on the JDK socket backend: user names from jdk.net's SO_PEERCRED. */
@DisabledOnOs(OS.WINDOWS)
class JdkUnixIdentityInteropTest extends AbstractUnixIdentityInteropTest {
  @Override
  void assertOtherUserNamed(String message, long otherUid) {
    // The JDK gives names only: no uid, no process.
    assertFalse(message.contains("uid"), message);
  }
}
