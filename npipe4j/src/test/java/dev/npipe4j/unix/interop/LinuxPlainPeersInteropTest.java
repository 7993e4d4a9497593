package dev.npipe4j.unix.interop;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Plain peers against the Linux libc backend. */
@EnabledOnOs(OS.LINUX)
class LinuxPlainPeersInteropTest extends AbstractPlainPeersInteropTest {}
