package dev.npipe4j.bench.netty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown section of the Netty row: medians, and ratios to Netty's epoll domain sockets. */
final class NettyTable {
  private NettyTable() {}

  static String markdown(
      List<String> names,
      Map<String, List<Double>> rtt,
      Map<String, List<Double>> p50,
      Map<String, List<Double>> p99,
      Map<String, List<Double>> thr,
      int rounds,
      int rttCount,
      long bytes) {
    String base = Transports.EPOLL_UDS.name();
    double rttBase = median(rtt.get(base));
    double p50Base = median(p50.get(base));
    double p99Base = median(p99.get(base));
    double thrBase = median(thr.get(base));
    StringBuilder md = new StringBuilder();
    md.append(
        "| implementation | 1 B round trip, mean (µs) | × epoll UDS | median (µs) | × epoll UDS");
    md.append(" | p99 (µs) | × epoll UDS | 64 KiB-chunk throughput (MiB/s) | × epoll UDS |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String name : names) {
      double r = median(rtt.get(name));
      double m = median(p50.get(name));
      double q = median(p99.get(name));
      double t = median(thr.get(name));
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %.2f |%n",
              name,
              r,
              r / rttBase,
              m,
              m / p50Base,
              q,
              q / p99Base,
              t,
              thrBase / t));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "%nMedians over %d rounds (%d round trips, %d MiB per throughput run) of: the mean round"
                + " trip (a run's time over its round trips), the median and 99th percentile round trip of a run, and"
                + " the throughput. × epoll UDS: time over Netty epoll's time (above 1: slower).%n",
            rounds,
            rttCount,
            bytes >> 20));
    return md.toString();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
