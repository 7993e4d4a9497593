package dev.npipe4j.netty;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@link BackpressureTest} with the library's JDK socket backend (its own surefire run turns the
 * Linux backend off), on NIO's loops, where the channels wait in the loop's selector.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class JdkUnixBackpressureTest extends BackpressureTest {}
