package dev.npipe4j.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On Netty's epoll loops the channels' reads and writes never pass through the library's driver
 * thread: round trips there cost that thread no CPU time, where on NIO's loops each one wakes it.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(LeakCheck.class)
class EpollLoopTest {
  private static final int ROUND_TRIPS = 2000;

  /** The driver thread's CPU time at most, over all the round trips, on the epoll loops. */
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(3);

  @Test
  void roundTripsOnEpollLoopsLeaveTheLibrarysDriverAsleep() throws Exception {
    long epoll = driverNanosOver(Pipes.epollGroup(2));
    assertTrue(epoll < QUIET_NANOS, "the driver ran " + epoll / 1000 + " µs on epoll's loops");
  }

  @Test
  void roundTripsOnNioLoopsWakeTheLibrarysDriver() throws Exception {
    // The measure sees the driver: through the library's readiness futures, it runs every time.
    long nio = driverNanosOver(Pipes.group(2));
    assertTrue(nio > QUIET_NANOS, "the driver ran only " + nio / 1000 + " µs on NIO's loops");
  }

  private static long driverNanosOver(EventLoopGroup group) throws Exception {
    return DriverCpu.driverNanosOver(group, "npipe4j-epoll", ROUND_TRIPS);
  }
}
