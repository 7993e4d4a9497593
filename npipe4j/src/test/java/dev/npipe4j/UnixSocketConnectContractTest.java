package dev.npipe4j;

import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** How the socket adapter connects, on the Unix domain socket backend. */
@DisabledOnOs(OS.WINDOWS)
class UnixSocketConnectContractTest extends AbstractSocketConnectContractTest {}
