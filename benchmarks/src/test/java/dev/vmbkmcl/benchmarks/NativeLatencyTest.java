package dev.vmbkmcl.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The C round trip's percentiles come from the samples of one iteration only, and the measurement
 * reads them where JMH's SampleTime has none.
 */
class NativeLatencyTest {
  @Test
  void percentilesUseNearestRankOverTheIterationsSamplesOnly() {
    NativeLatency.add(new long[] {999_999}, 1); // an earlier iteration's sample
    NativeLatency.reset();
    long[] nanos = new long[1000];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = 1000L - i; // 1000 ns down to 1 ns, unsorted on purpose
    }
    NativeLatency.add(nanos, 600);
    NativeLatency.add(nanos, 1000);
    long[] sorted = NativeLatency.takeSorted();
    assertEquals(1600, sorted.length);
    assertEquals(1, sorted[0]);
    assertEquals(1000, sorted[1599]);
    // 1,600 samples: 1..400 once, 401..1000 twice; the 800th is 600.
    assertEquals(600, NativeLatency.percentile(sorted, 50));
    assertEquals(0, NativeLatency.takeSorted().length, "taking them forgets them");
    assertTrue(Double.isNaN(NativeLatency.percentile(new long[0], 50)));
  }

  @Test
  void operationRatesFollowTheUnit() {
    Measurement throughput = new Measurement("X.a", Map.of(), 2e6, 0, "ops/s", Double.NaN,
        Double.NaN, Double.NaN, Map.of(ContextSwitchProfiler.LABEL, 4000.0));
    Measurement timed = new Measurement("X.b", Map.of(), 2.0, 0, "us/op", 1, 2, 3,
        Map.of(ContextSwitchProfiler.LABEL, 4000.0));
    assertEquals(2e6, throughput.operationsPerSecond(), 1e-6);
    assertEquals(5e5, timed.operationsPerSecond(), 1e-6);
    assertEquals(2.0, throughput.contextSwitchesPerThousand(), 1e-9);
    assertEquals(8.0, timed.contextSwitchesPerThousand(), 1e-9);
    Measurement unknown = new Measurement("X.c", Map.of(), 1, 0, "furlongs", 1, 2, 3, Map.of());
    assertTrue(Double.isNaN(unknown.contextSwitchesPerThousand()));
  }
}
