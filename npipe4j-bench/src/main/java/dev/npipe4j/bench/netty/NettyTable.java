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
      Map<String, List<Double>> thr,
      int rounds,
      int rttCount,
      long bytes) {
    double rttBase = median(rtt.get(Transports.EPOLL_UDS.name()));
    double thrBase = median(thr.get(Transports.EPOLL_UDS.name()));
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "| implementation | 1 B round trip (µs) | × epoll UDS | 64 KiB-chunk throughput (MiB/s)"
                + " | × epoll UDS |%n|---|---:|---:|---:|---:|%n"));
    for (String name : names) {
      double r = median(rtt.get(name));
      double t = median(thr.get(name));
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2f | %.2f | %.0f | %.2f |%n",
              name,
              r,
              r / rttBase,
              t,
              thrBase / t));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "%nMedians of %d rounds (%d round trips, %d MiB per throughput run); × epoll UDS is"
                + " time over Netty epoll's time (above 1: slower).%n",
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
