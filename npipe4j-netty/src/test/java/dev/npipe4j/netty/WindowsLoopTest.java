package dev.npipe4j.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a {@link NamedPipeIoHandler} loop that leads the completion port, the channels' completions
 * are dequeued on the loop's own thread: round trips there leave the library's driver thread all
 * but idle, where on task-only loops it dequeues every completion.
 */
@EnabledOnOs(OS.WINDOWS)
@ExtendWith(LeakCheck.class)
class WindowsLoopTest {
  private static final int ROUND_TRIPS = 2000;

  /**
   * The driver thread's CPU time at most, over all the round trips, on the port's own loop: its
   * sweeps of a free port every 10 ms, and the clock's granularity (10 to 16 ms per reading).
   */
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(40);

  @Test
  void roundTripsOnTheLeadingLoopLeaveTheLibrarysDriverIdle() throws Exception {
    long own = driverNanosOver(Pipes.windowsGroup(1));
    assertTrue(own < QUIET_NANOS, "the driver ran " + own / 1000 + " µs on the port's loop");
  }

  @Test
  void roundTripsOnTaskOnlyLoopsKeepTheLibrarysDriverBusy() throws Exception {
    // The measure sees the driver: through the library's readiness futures, it runs every time.
    long local = driverNanosOver(new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory()));
    assertTrue(local > QUIET_NANOS, "the driver ran only " + local / 1000 + " µs on task loops");
  }

  private static long driverNanosOver(EventLoopGroup group) throws Exception {
    return DriverCpu.driverNanosOver(group, "npipe4j-iocp", ROUND_TRIPS);
  }
}
