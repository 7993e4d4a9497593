package dev.npipe4j;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Message mode on Win32 named pipes (real Windows, or Wine). */
@EnabledOnOs(OS.WINDOWS)
class WindowsMessageModeContractTest extends AbstractMessageModeContractTest {}
