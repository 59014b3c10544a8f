package dev.vmbkmcl.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The results table pairs each SDK figure with its peers and judges the targets. */
class ResultsTableTest {
  private static final double NAN = Double.NaN;
  private static final Environment ENV =
      new Environment("Test CPU", 2, 4, "Linux 6.1 amd64", "OpenJDK 17", "0.50");

  private static Measurement throughput(String benchmark, Map<String, String> params, double score,
      double bytesPerOp) {
    return new Measurement(benchmark, params, score, score / 100, "ops/s", NAN, NAN, NAN,
        Map.of(Measurement.ALLOC_NORM, bytesPerOp));
  }

  private static Measurement sampled(String benchmark, Map<String, String> params, double p50,
      double bytesPerOp) {
    return new Measurement(benchmark, params, p50 * 1.5, 0.1, "us/op", p50, p50 * 4, p50 * 20,
        Map.of(Measurement.ALLOC_NORM, bytesPerOp));
  }

  private static Map<String, String> stream(String payload, String ring) {
    return Map.of("payload", payload, "ringKiB", ring);
  }

  private static String render(List<Measurement> results) {
    return ResultsTable.render(ENV, SuiteMode.DEFAULT, "0.75", results, List.of("a note"));
  }

  private static void assertContains(String table, String expected) {
    assertTrue(table.contains(expected), "expected «" + expected + "» in:\n" + table);
  }

  @Test
  void headerNamesMachineJdkModeAndNotes() {
    String t = render(List.of());
    assertContains(t, "Test CPU, 2 cores, 4 GiB, Linux 6.1 amd64 (1-minute load average 0.50 at"
        + " start, 0.75 at end)");
    assertContains(t, "- JDK: OpenJDK 17");
    assertContains(t, "default: 1 fork, 2 x 1.0 s warm-up, 3 x 1.0 s measurement");
    assertContains(t, "- a note");
    assertFalse(t.contains("Warning"), "an idle machine needs no warning");
  }

  @Test
  void aMachineLoadedBeyondItsCoresIsFlagged() {
    Environment busy = new Environment("Test CPU", 2, 4, "Linux", "OpenJDK 17", "1.5");
    String t = ResultsTable.render(busy, SuiteMode.SMOKE, "6.25", List.of(), List.of());
    assertContains(t, "**Warning:** the load average exceeded the 2 cores");
  }

  @Test
  void streamRowShowsScoreErrorGigabytesAndRatiosToBothPeers() {
    String t = render(List.of(
        throughput("PacketStream.sdk", stream("4096", "64"), 2_000_000, 0.5),
        throughput("PacketStream.agrona", stream("4096", "64"), 4_000_000, 0),
        throughput("PacketStream.c", stream("4096", "64"), 1_000_000, 0)));
    // 2 M packets/s x 4096 B = 8.19 GB/s; SDK / Agrona = 0.5; SDK / C = 2.
    assertContains(t, "| 4 KiB | 64 KiB | 2.000 ± 0.020 | 8.19 | 0.5 | 4.000 ± 0.040 | 0.50× "
        + "| 1.000 ± 0.010 | 2.00× |");
    assertContains(t, "| packet stream, 4 KiB: ≥ 0.9× Agrona | 64 KiB ring: 0.50× | missed |");
    assertContains(t, "| packet stream, 4 KiB: ≥ 0.7× the C peer | 64 KiB ring: 2.00× | met |");
  }

  @Test
  void agronaCannotCarryMoreThanAnEighthOfItsCapacity() {
    String t = render(List.of(throughput("PacketStream.sdk", stream("16384", "64"), 100_000, 0)));
    assertContains(t, "| 16 KiB | 64 KiB | 0.100 ± 0.001 | 1.64 | 0.0 | n/a (max message = capacity"
        + " / 8) | — | — | — |");
  }

  @Test
  void roundTripRowsGivePercentilesAndTheRatioToTheCPingPong() {
    String t = render(List.of(
        sampled("RoundTrip.sdk", Map.of("wait", "spin"), 3.0, 40),
        sampled("RoundTrip.agrona", Map.of(), 0.5, 16),
        sampled("RoundTrip.c", Map.of(), 1.0, 16)));
    assertContains(t, "| spin (requester); delivery threads woken by doorbell | 3.00 | 12.00 | 60.00"
        + " | 4.50 ± 0.10 | 40.0 | 3.00× |");
    assertContains(t, "| 3.00× | missed |");
  }

  @Test
  void allocationIsJudgedAboveTheHarnessBaselineOfThePeers() {
    String t = render(List.of(
        sampled("RoundTrip.sdk", Map.of("wait", "park"), 3.0, 16.4),
        sampled("RoundTrip.agrona", Map.of(), 0.5, 16.0),
        sampled("RoundTrip.c", Map.of(), 1.0, 16.2)));
    assertContains(t, "| RoundTrip.sdk | {wait=park} | 16.40 | 16.00 | 0.4 |");
    assertContains(t, "worst SDK row 0.4 B/op above baseline | met |");
  }

  @Test
  void signalsAreCountedPerThousandPackets() {
    Measurement rules = new Measurement("Signals.write", Map.of("policy", "ring-rules"), 8_000_000,
        1, "ops/s", NAN, NAN, NAN, Map.of("writerSignals", 40_000.0, "readerSignals", 8_000.0));
    Measurement naive = new Measurement("Signals.write", Map.of("policy", "every-packet"),
        4_000_000, 1, "ops/s", NAN, NAN, NAN,
        Map.of("writerSignals", 4_000_000.0, "readerSignals", 250_000.0));
    String t = render(List.of(rules, naive));
    // ring rules: 5 + 1 per 1,000; naive: 1000 + 62.5 per 1,000.
    assertContains(t, "| ring-rules | 8.000 ± 0.000 | 5.0 | 1.0 | 0.006× |");
    assertContains(t, "| every-packet | 4.000 ± 0.000 | 1000.0 | 62.5 | 1.000× |");
  }

  @Test
  void missingPeersAndResultsReadAsDashesNotZeros() {
    String t = render(List.of(throughput("PacketStream.sdk", stream("64", "256"), 5_000_000, 0)));
    assertContains(t, "| 64 B | 256 KiB | 5.000 ± 0.050 | 0.32 | 0.0 | — | — | — | — |");
    assertContains(t, "| round trip p50 within 2× the C ping-pong | — | not measured |");
  }
}
