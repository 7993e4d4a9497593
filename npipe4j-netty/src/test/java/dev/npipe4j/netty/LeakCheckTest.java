package dev.npipe4j.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The leak check the suites rely on can fail. Once per JVM: Netty reports each leak's trace once.
 */
@ExtendWith(LeakCheck.class)
class LeakCheckTest {
  @Test
  void theLeakCheckSeesALeakedBuffer() throws Exception {
    assertTrue(LeakCheck.installed());
    LeakCheck.drain();
    leak();
    boolean seen = false;
    for (int i = 0; i < 20 && !seen; i++) {
      System.gc();
      Thread.sleep(20);
      PooledByteBufAllocator.DEFAULT.directBuffer(8).release();
      seen = LeakCheck.drain().stream().anyMatch(r -> r.contains("leaked"));
    }
    assertTrue(seen, "a buffer dropped unreleased was not reported");
  }

  private static void leak() {
    ByteBuf lost = PooledByteBufAllocator.DEFAULT.directBuffer(64);
    lost.writeInt(1);
  }
}
