package dev.npipe4j;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Opening and accepting on the Linux libc backend. */
@EnabledOnOs(OS.LINUX)
class LinuxOpenAcceptContractTest extends AbstractOpenAcceptContractTest {}
