package dev.npipe4j.unix.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** currentUserOnly on the Linux libc backend: uids from SO_PEERCRED. */
@EnabledOnOs(OS.LINUX)
class LinuxIdentityInteropTest extends AbstractUnixIdentityInteropTest {
  @Override
  void assertOtherUserNamed(String message, long otherUid) {
    assertTrue(message.contains("nobody (uid " + otherUid + "), process "), message);
  }
}
