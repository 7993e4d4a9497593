package dev.npipe4j.unix.interop;

import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Plain peers against the JDK socket backend, in the build's fallback run. */
@DisabledOnOs(OS.WINDOWS)
class JdkUnixPlainPeersInteropTest extends AbstractPlainPeersInteropTest {}
