package dev.npipe4j;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Message mode on the Linux libc backend: {@code SOCK_SEQPACKET} with npipe4j's framing. */
@EnabledOnOs(OS.LINUX)
class LinuxMessageModeContractTest extends AbstractMessageModeContractTest {}
