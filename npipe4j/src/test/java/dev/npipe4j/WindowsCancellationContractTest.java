package dev.npipe4j;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Cancellation on the Win32 named-pipe backend (real Windows, or Wine). */
@EnabledOnOs(OS.WINDOWS)
class WindowsCancellationContractTest extends AbstractCancellationContractTest {}
