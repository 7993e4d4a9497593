package dev.npipe4j;

import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Opening and accepting on the JDK socket backend, in the build's fallback run. */
@DisabledOnOs(OS.WINDOWS)
class JdkUnixOpenAcceptContractTest extends AbstractOpenAcceptContractTest {}
