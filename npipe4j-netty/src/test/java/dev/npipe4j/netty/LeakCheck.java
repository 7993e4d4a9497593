package dev.npipe4j.netty;

import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Netty's leak detector at PARANOID (every buffer tracked), with every report recorded: after each
 * test, the garbage collector runs and the test fails if a buffer was collected unreleased.
 */
public final class LeakCheck implements AfterEachCallback {
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

  static {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (int i = 0; i < 3 && LEAKS.isEmpty(); i++) {
      System.gc();
      Thread.sleep(50);
      // A leak is reported when the next buffer is tracked, once its reference is enqueued.
      for (var alloc : List.of(PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT)) {
        ByteBuf probe = alloc.directBuffer(16);
        probe.release();
        probe = alloc.heapBuffer(16);
        probe.release();
      }
    }
    if (!LEAKS.isEmpty()) {
      String report = String.join("\n", LEAKS);
      LEAKS.clear();
      fail("Netty reported leaked buffers:\n" + report);
    }
  }

  /** Whether the detector is ours: a test that proves the check can fail asks this. */
  static boolean installed() {
    return ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID;
  }

  /** Records, then clears, what was reported so far. */
  static List<String> drain() {
    List<String> copy = List.copyOf(LEAKS);
    LEAKS.clear();
    return copy;
  }

  private static final class RecordingFactory extends ResourceLeakDetectorFactory {
    @Override
    @SuppressWarnings("deprecation")
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(
        Class<T> resource, int samplingInterval, long maxActive) {
      return new ResourceLeakDetector<>(resource, samplingInterval) {
        @Override
        protected boolean needReport() {
          return true;
        }

        @Override
        protected void reportTracedLeak(String type, String records) {
          LEAKS.add(type + " leaked:" + records);
        }

        @Override
        protected void reportUntracedLeak(String type) {
          LEAKS.add(type + " leaked (untraced)");
        }
      };
    }
  }
}
