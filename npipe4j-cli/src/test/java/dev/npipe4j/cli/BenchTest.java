package dev.npipe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code npipe bench} against {@code npipe serve --echo}. */
@Timeout(120)
class BenchTest {
  private static long number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":([0-9.Ee+-]+)").matcher(json);
    assertTrue(m.find(), key + " missing in " + json);
    return (long) Double.parseDouble(m.group(1));
  }

  @Test
  void measuresRoundTripsThroughputAndConnects() throws Exception {
    String name = Cli.uniqueName("bench");
    Running server = Running.server("serve", "--echo", name);
    try {
      Cli.Result r =
          Cli.run(
              "bench",
              "--count",
              "200",
              "--size",
              "100",
              "--seconds",
              "0.5",
              "--connects",
              "20",
              "--json",
              name);
      assertEquals(ExitCodes.OK, r.code(), r.err());
      String json = r.outText().strip();
      assertEquals(200, number(json, "count"));
      long p50 = number(json, "p50Nanos");
      long p99 = number(json, "p99Nanos");
      assertTrue(p50 > 0 && p99 >= p50 && number(json, "maxNanos") >= p99, json);
      assertTrue(number(json, "bytes") > 0, json);
      assertTrue(number(json, "mbPerSecond") >= 0, json);
      assertTrue(
          json.contains("\"connects\":{\"count\":20") || json.contains("\"count\":20"), json);
      assertTrue(number(json, "perSecond") > 0, json);
      assertFalse(json.contains("\r"), "a progress line on a stream that is not a terminal");
    } finally {
      server.stop();
    }
  }

  @Test
  void printsAReportAndAProgressLineWhenAsked() throws Exception {
    String name = Cli.uniqueName("bench-text");
    Running server = Running.server("serve", "--echo", name);
    try {
      Cli.Result r =
          Cli.run(
              "bench",
              "--count",
              "3000",
              "--seconds",
              "0.3",
              "--connects",
              "5",
              "--progress",
              name);
      assertEquals(ExitCodes.OK, r.code(), r.err());
      String out = r.outText();
      assertTrue(out.contains("\rround trip "), out);
      assertTrue(out.contains("round trip  64 B x 3000: p50 "), out);
      assertTrue(out.contains("throughput  65536 B writes: "), out);
      assertTrue(out.contains("connects    5 in "), out);
    } finally {
      server.stop();
    }
  }

  @Test
  void noServerIsExitThree() {
    Cli.Result r = Cli.run("bench", "--count", "1", Cli.uniqueName("bench-none"));
    assertEquals(ExitCodes.NO_SUCH_PIPE, r.code(), r.err());
  }
}
