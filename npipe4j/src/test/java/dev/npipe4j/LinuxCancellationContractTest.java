package dev.npipe4j;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Cancellation on the Linux libc backend. */
@EnabledOnOs(OS.LINUX)
class LinuxCancellationContractTest extends AbstractCancellationContractTest {}
