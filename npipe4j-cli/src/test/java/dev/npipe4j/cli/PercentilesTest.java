package dev.npipe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class PercentilesTest {
  @Test
  void nearestRank() {
    long[] samples = new long[100];
    for (int i = 0; i < 100; i++) {
      samples[i] = 100 - i; // unsorted: 100..1
    }
    Percentiles p = new Percentiles(samples);
    assertEquals(50, p.at(50));
    assertEquals(99, p.at(99));
    assertEquals(100, p.at(100));
    assertEquals(1, p.at(0.1));
    assertEquals(100, p.max());
    assertEquals(100, samples[0], "the caller's array is not sorted in place");
  }

  @Test
  void oneSample() {
    Percentiles p = new Percentiles(new long[] {7});
    assertEquals(7, p.at(50));
    assertEquals(7, p.at(99));
  }

  @Test
  void noSamples() {
    assertThrows(IllegalArgumentException.class, () -> new Percentiles(new long[0]));
  }

  @Test
  void formats() {
    assertEquals("45.2 us", Percentiles.format(45_200));
    assertEquals("999.9 us", Percentiles.format(999_900));
    assertEquals("2.47 ms", Percentiles.format(2_470_000));
  }
}
