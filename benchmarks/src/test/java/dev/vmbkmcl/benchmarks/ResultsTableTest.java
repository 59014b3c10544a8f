package dev.vmbkmcl.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  private static Measurement throughput(String benchmark, Map<String, String> params, double score,
      double bytesPerOp, double switchesPerSecond) {
    return new Measurement(benchmark, params, score, score / 100, "ops/s", NAN, NAN, NAN,
        Map.of(Measurement.ALLOC_NORM, bytesPerOp, ContextSwitchProfiler.LABEL, switchesPerSecond));
  }

  private static Measurement sampled(String benchmark, Map<String, String> params, double p50,
      double bytesPerOp) {
    return new Measurement(benchmark, params, p50 * 1.5, 0.1, "us/op", p50, p50 * 4, p50 * 20,
        Map.of(Measurement.ALLOC_NORM, bytesPerOp));
  }

  private static Map<String, String> stream(String payload, String ring) {
    return stream(payload, ring, "busy-poll", "copy");
  }

  private static Map<String, String> stream(String payload, String ring, String wait,
      String consumer) {
    return Map.of("payload", payload, "ringKiB", ring, "wait", wait, "consumer", consumer);
  }

  private static Map<String, String> waiting(String wait) {
    return Map.of("wait", wait);
  }

  private static Map<String, String> tap(String wait, String observer) {
    return Map.of("wait", wait, "observer", observer);
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
  void streamRowShowsScoreErrorGigabytesRatiosAndContextSwitches() {
    String t = render(List.of(
        throughput("PacketStream.sdk", stream("4096", "64"), 2_000_000, 0.5, 20_000),
        throughput("PacketStream.agrona", stream("4096", "64"), 4_000_000, 0, 0),
        throughput("PacketStream.c", stream("4096", "64"), 1_000_000, 0)));
    // 2 M packets/s x 4096 B = 8.19 GB/s; SDK / Agrona = 0.5; SDK / C = 2; 20,000 switches/s at
    // 2 M packets/s = 10 per 1,000; C without the profiler's figure reads a dash.
    assertContains(t, "| busy-poll | copy | 4 KiB | 64 KiB | 2.000 ± 0.020 | 8.19 | 0.5 | 10.0 "
        + "| 4.000 ± 0.040 | 0.0 | 0.50× | 1.000 ± 0.010 | — | 2.00× |");
    assertContains(t, "| stream 4 KiB, busy-poll, copy: ≥ 0.75× Agrona | 64 KiB ring: 0.50× "
        + "| MISSED |");
    assertContains(t, "| stream 4 KiB, busy-poll, copy: ≥ 1.0× the C peer | 64 KiB ring: 2.00× "
        + "| met |");
  }

  @Test
  void streamRatiosPairOnlyRowsOfTheSamePolicy() {
    String t = render(List.of(
        throughput("PacketStream.sdk", stream("64", "64", "park", "copy"), 1_000_000, 0),
        throughput("PacketStream.c", stream("64", "64", "park", "copy"), 2_000_000, 0),
        // A polling C peer, much faster: must not be the parked SDK's comparison.
        throughput("PacketStream.c", stream("64", "64", "busy-poll", "copy"), 8_000_000, 0),
        throughput("PacketStream.agrona", stream("64", "64", "busy-poll", "in-place"),
            16_000_000, 0)));
    assertContains(t, "| park | copy | 64 B | 64 KiB | 1.000 ± 0.010 |");
    assertContains(t, "| 2.000 ± 0.020 | — | 0.50× |");
    assertContains(t, "| busy-poll | in-place | 64 B | 64 KiB | n/a (the SDK copies) | — | — | — "
        + "| 16.000 ± 0.160 | — | — |");
    // The busy-poll targets have no SDK busy-poll row here: they are not judged on the park row.
    assertContains(t, "| stream 64 B, busy-poll, copy: ≥ 1.0× the C peer | — | not measured |");
    assertTrue(t.indexOf("| busy-poll | copy |") < t.indexOf("| park | copy |"),
        "busy-poll rows come first");
  }

  @Test
  void agronaCannotCarryMoreThanAnEighthOfItsCapacity() {
    String t = render(List.of(throughput("PacketStream.sdk", stream("16384", "64"), 100_000, 0)));
    assertContains(t, "| busy-poll | copy | 16 KiB | 64 KiB | 0.100 ± 0.001 | 1.64 | 0.0 | — "
        + "| n/a (max message = capacity / 8) | — | — | — | — | — |");
  }

  @Test
  void roundTripRowsComparePercentilesUnderTheSamePolicyOnly() {
    String t = render(List.of(
        sampled("RoundTrip.sdk", waiting("busy-poll"), 3.0, 40),
        sampled("RoundTrip.agrona", waiting("busy-poll"), 0.5, 16),
        sampled("RoundTrip.c", waiting("busy-poll"), 1.0, 0),
        sampled("RoundTrip.sdk", waiting("park"), 14.0, 40),
        sampled("RoundTrip.agrona", waiting("park"), 5.0, 16),
        sampled("RoundTrip.c", waiting("park"), 10.0, 0)));
    assertContains(t, "| busy-poll | SDK `VmbChannelSendSynchronousRequest`, KMCL server endpoint "
        + "| 3.00 | 12.00 | 60.00 | 4.50 ± 0.10 | 40.0 | — | 3.00× | 6.00× |");
    // Parked SDK against parked peers: 14 / 10 and 14 / 5, not against the polling C (14 / 1).
    assertContains(t, "| park | SDK `VmbChannelSendSynchronousRequest`, KMCL server endpoint "
        + "| 14.00 | 56.00 | 280.00 | 21.00 ± 0.10 | 40.0 | — | 1.40× | 2.80× |");
    assertContains(t, "| park | C ping-pong over two VMBus rings (futex wait/wake) | 10.00 |");
    assertContains(t, "| round trip p50, busy-poll: ≤ 2× the C ping-pong | 3.00× (3.00 µs ÷ 1.00"
        + " µs) | MISSED |");
    assertContains(t, "| round trip p50, park: ≤ 1.5× the parked C ping-pong (futex) | 1.40× (14.00"
        + " µs ÷ 10.00 µs) | met |");
    assertContains(t, "| round trip p50, park: ≤ 1.5× the parked Agrona ping-pong (LockSupport) "
        + "| 2.80× (14.00 µs ÷ 5.00 µs) | MISSED |");
  }

  @Test
  void contextSwitchesOfATimedRowAreScaledByItsMeanTime() {
    // Mean 4.5 µs per round trip = 222,222 round trips/s; 2,222.2 switches/s = 10 per 1,000.
    Measurement m = new Measurement("RoundTrip.sdk", waiting("park"), 4.5, 0.1, "us/op", 3.0, 12,
        60, Map.of(Measurement.ALLOC_NORM, 0.0, ContextSwitchProfiler.LABEL, 2_222.222));
    assertEquals(10.0, m.contextSwitchesPerThousand(), 1e-3);
    assertContains(render(List.of(m)), "| 4.50 ± 0.10 | 0.0 | 10.0 | — | — |");
  }

  @Test
  void allocationIsJudgedAboveTheHarnessBaselineOfPeersInTheSameMode() {
    String t = render(List.of(
        sampled("RoundTrip.sdk", waiting("park"), 3.0, 16.4),
        sampled("RoundTrip.agrona", waiting("park"), 0.5, 16.0),
        // The C peer runs in AverageTime, whose harness allocates nothing: not a baseline here.
        new Measurement("RoundTrip.c", waiting("park"), 1.0, 0.1, "us/op", 1.0, 2.0, 3.0,
            Map.of(Measurement.ALLOC_NORM, 0.0, NativeLatencyProfiler.P50, 1.0)),
        sampled("RoundTrip.sdk", waiting("spin"), 3.0, 16.3)));
    assertContains(t, "| RoundTrip.sdk | {wait=park} | 16.40 | 16.00 | 0.4 |");
    // No peer spins: the baseline falls back to the peers of any policy in the same mode.
    assertContains(t, "| RoundTrip.sdk | {wait=spin} | 16.30 | 16.00 | 0.3 |");
    assertContains(t, "worst SDK row 0.4 B/op above baseline | met |");
  }

  @Test
  void tapAndJfrRowsAreComparedWithNoObserverAndOffIsJudged() {
    String t = render(List.of(
        throughput("TapCost.stream", tap("busy-poll", "none"), 3_000_000, 0.0),
        throughput("TapCost.stream", tap("busy-poll", "off"), 2_950_000, 0.2),
        throughput("TapCost.stream", tap("busy-poll", "capture"), 1_500_000, 0.0),
        throughput("TapCost.stream", tap("busy-poll", "jfr"), 1_000_000, 48.0),
        sampled("TapCost.roundTrip", tap("busy-poll", "none"), 10.0, 16.0),
        sampled("TapCost.roundTrip", tap("busy-poll", "off"), 10.1, 16.0)));
    assertContains(t, "| busy-poll | none | 3.000 ± 0.030 | 1.00× | 0.0 | — | 10.00 | 40.00 | 1.00×"
        + " | 16.0 | — |");
    assertContains(t, "| busy-poll | capture | 1.500 ± 0.015 | 0.50× | 0.0 | — | — | — | — | — |"
        + " — |");
    assertContains(t, "| busy-poll | jfr | 1.000 ± 0.010 | 0.33× | 48.0 |");
    assertTrue(t.indexOf("| busy-poll | none |") < t.indexOf("| busy-poll | off |")
        && t.indexOf("| busy-poll | off |") < t.indexOf("| busy-poll | capture |"),
        "observers in the order none, off, capture, jfr");
    // 2.95 / 3 = 0.983 and 10 / 10.1 = 0.990: within 3 %. The round trip's 16 B/op is the
    // SampleTime harness, which is why the stream row is the one that shows 0 B/op.
    assertContains(t, "| tap and JFR off: 0 B/op (above `none`) | busy-poll stream 0.2 B/op (none"
        + " 0.0), busy-poll roundTrip 16.0 B/op (none 16.0) | met |");
    assertContains(t, "| tap and JFR off: as fast as no observer (within 3%) | busy-poll stream"
        + " 0.983× of none, busy-poll roundTrip 0.990× of none | met |");
  }

  @Test
  void aTapThatCostsWhenOffIsReportedAsMissed() {
    String t = render(List.of(
        throughput("TapCost.stream", tap("busy-poll", "none"), 3_000_000, 0.0),
        throughput("TapCost.stream", tap("busy-poll", "off"), 2_700_000, 24.0)));
    assertContains(t, "| tap and JFR off: 0 B/op (above `none`) | busy-poll stream 24.0 B/op (none"
        + " 0.0) | MISSED |");
    assertContains(t, "| busy-poll stream 0.900× of none | MISSED |");
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
    assertContains(t, "| busy-poll | copy | 64 B | 256 KiB | 5.000 ± 0.050 | 0.32 | 0.0 | — | — "
        + "| — | — | — | — | — |");
    assertContains(t, "| round trip p50, busy-poll: ≤ 2× the C ping-pong | — | not measured |");
    assertContains(t, "| tap and JFR off: 0 B/op (above `none`) | — | not measured |");
  }
}
