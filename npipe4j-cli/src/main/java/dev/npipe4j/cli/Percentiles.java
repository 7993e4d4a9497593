package dev.npipe4j.cli;

import java.util.Arrays;

/** Percentiles of a set of samples, by the nearest-rank method over a sorted copy. */
final class Percentiles {
  private final long[] sorted;

  /**
   * Sorts a copy of the samples.
   *
   * @param samples the samples, at least one
   * @throws IllegalArgumentException if there are none
   */
  Percentiles(long[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    this.sorted = samples.clone();
    Arrays.sort(sorted);
  }

  /**
   * Returns the smallest sample that at least {@code p} percent of the samples do not exceed.
   *
   * @param p the percentile, above 0 and at most 100
   * @return the sample
   */
  long at(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  /**
   * Returns the largest sample.
   *
   * @return the maximum
   */
  long max() {
    return sorted[sorted.length - 1];
  }

  /**
   * Returns the number of samples.
   *
   * @return the count
   */
  int count() {
    return sorted.length;
  }

  /**
   * Formats nanoseconds for people: microseconds below 1 ms, else milliseconds.
   *
   * @param nanos a duration in nanoseconds
   * @return for example "45.2 us" or "2.47 ms"
   */
  static String format(long nanos) {
    return nanos < 1_000_000
        ? String.format("%.1f us", nanos / 1e3)
        : String.format("%.2f ms", nanos / 1e6);
  }
}
