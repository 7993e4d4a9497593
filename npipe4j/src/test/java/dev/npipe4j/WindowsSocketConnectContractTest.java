package dev.npipe4j;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** How the socket adapter connects, on Win32 named pipes (real Windows, or Wine). */
@EnabledOnOs(OS.WINDOWS)
class WindowsSocketConnectContractTest extends AbstractSocketConnectContractTest {}
