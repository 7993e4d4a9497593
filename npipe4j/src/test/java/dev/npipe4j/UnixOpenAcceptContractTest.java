package dev.npipe4j;

import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Opening and accepting on the Unix domain socket backend. */
@DisabledOnOs(OS.WINDOWS)
class UnixOpenAcceptContractTest extends AbstractOpenAcceptContractTest {}
