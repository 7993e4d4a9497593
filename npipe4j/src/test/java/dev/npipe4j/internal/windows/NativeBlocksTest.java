package dev.npipe4j.internal.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link NativeBlocks}: what is recycled, what is freed, and the bound on what is kept. */
class NativeBlocksTest {
  @Test
  void aBlockGivenBackServesTheNextRequestOfItsSizeClass() {
    NativeBlocks.Block first = NativeBlocks.take(3000);
    assertEquals(4096, first.segment.byteSize(), "rounded up to a power of two");
    NativeBlocks.give(first);
    NativeBlocks.Block again = NativeBlocks.take(2049);
    assertSame(first, again);
    assertTrue(again.segment.scope().isAlive());
    NativeBlocks.give(again);
  }

  @Test
  void theSmallestClassHoldsAPipesOverlappeds() {
    NativeBlocks.Block small = NativeBlocks.take(1);
    assertEquals(NativeBlocks.SMALLEST, small.segment.byteSize());
    NativeBlocks.give(small);
  }

  @Test
  void aBlockLargerThanThePooledSizesIsExactAndFreedWhenGivenBack() {
    NativeBlocks.Block large = NativeBlocks.take(NativeBlocks.LARGEST_POOLED + 1);
    assertEquals(NativeBlocks.LARGEST_POOLED + 1, large.segment.byteSize());
    NativeBlocks.give(large);
    assertFalse(large.segment.scope().isAlive(), "freed, not kept");
  }

  @Test
  void freeBlocksBeyondTheBoundAreFreed() {
    int n = (int) (NativeBlocks.RETAINED_BYTES / NativeBlocks.LARGEST_POOLED) + 1;
    List<NativeBlocks.Block> blocks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      blocks.add(NativeBlocks.take(NativeBlocks.LARGEST_POOLED));
    }
    blocks.forEach(NativeBlocks::give);
    long kept = blocks.stream().filter(b -> b.segment.scope().isAlive()).count();
    assertTrue(kept < n, "the free blocks kept stay within the bound: kept " + kept + " of " + n);
    // Take the kept ones back, so that other tests start from a pool like this one's start.
    for (long i = 0; i < kept; i++) {
      assertTrue(NativeBlocks.take(NativeBlocks.LARGEST_POOLED).segment.scope().isAlive());
    }
  }
}
