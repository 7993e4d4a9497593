package dev.npipe4j.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * The demo's findings: connects, throughput, round-trip percentiles and the verification verdict.
 *
 * @param clients how many clients ran
 * @param elapsedNanos from starting the first client to the last one finishing
 * @param results each client's measurements
 */
record DemoReport(int clients, long elapsedNanos, List<DemoClient.Result> results) {
  /**
   * Prints the report.
   *
   * @param out where to print
   * @return {@link ExitCodes#OK} if every byte was verified, else {@link ExitCodes#FAILURE}
   */
  int print(PrintStream out) {
    long bytes = 0;
    long mismatches = 0;
    long[] connects = new long[results.size()];
    int samples = 0;
    for (int i = 0; i < results.size(); i++) {
      DemoClient.Result r = results.get(i);
      bytes += r.bytes();
      mismatches += r.mismatches();
      connects[i] = r.connectNanos();
      samples += r.roundTripNanos().length;
    }
    long[] roundTrips = new long[samples];
    int at = 0;
    for (DemoClient.Result r : results) {
      System.arraycopy(r.roundTripNanos(), 0, roundTrips, at, r.roundTripNanos().length);
      at += r.roundTripNanos().length;
    }
    Percentiles connect = new Percentiles(connects);
    Percentiles rtt = new Percentiles(roundTrips);
    double seconds = elapsedNanos / 1e9;
    out.printf(
        "connects:   %d (p50 %s, max %s)%n",
        connect.count(), Percentiles.format(connect.at(50)), Percentiles.format(connect.max()));
    out.printf(
        "echoed:     %d bytes each way in %.3f s = %.1f MB/s%n",
        bytes, seconds, bytes / 1e6 / seconds);
    out.printf(
        "round trip: p50 %s, p99 %s, max %s (%d messages)%n",
        Percentiles.format(rtt.at(50)),
        Percentiles.format(rtt.at(99)),
        Percentiles.format(rtt.max()),
        rtt.count());
    String verdict = mismatches == 0 ? "verified" : "checked";
    out.printf("all %d clients %s: %d bytes, %d mismatches%n", clients, verdict, bytes, mismatches);
    return mismatches == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
