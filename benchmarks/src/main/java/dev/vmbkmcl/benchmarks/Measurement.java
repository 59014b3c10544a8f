package dev.vmbkmcl.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * One benchmark configuration's outcome, reduced to what the results table needs.
 *
 * @param benchmark class and method, e.g. {@code PacketStream.sdk}
 * @param params the JMH parameters, e.g. {@code payload=64}
 * @param score the primary score (the mean for SampleTime)
 * @param error its 99.9% confidence half-width (NaN when JMH had too few samples)
 * @param unit the primary score's unit
 * @param p50 the median (SampleTime, or the C peer's own timing through {@link
 *     NativeLatencyProfiler}; else NaN)
 * @param p99 the 99th percentile (as {@code p50})
 * @param p999 the 99.9th percentile (as {@code p50})
 * @param secondary secondary results by label, e.g. {@code gc.alloc.rate.norm}
 */
record Measurement(String benchmark, Map<String, String> params, double score, double error,
    String unit, double p50, double p99, double p999, Map<String, Double> secondary) {
  /** JMH's label for allocated bytes per operation (GC profiler). */
  static final String ALLOC_NORM = "gc.alloc.rate.norm";

  /**
   * Reduces a JMH run result; percentiles are kept for SampleTime runs and taken from the C peer's
   * samples ({@link NativeLatencyProfiler}) where a run has those instead.
   */
  static Measurement of(RunResult run) {
    String full = run.getParams().getBenchmark();
    String benchmark = full.substring(full.lastIndexOf('.', full.lastIndexOf('.') - 1) + 1);
    Map<String, String> params = new LinkedHashMap<>();
    for (String key : run.getParams().getParamsKeys()) {
      String value = run.getParams().getParam(key);
      if (value != null) {
        params.put(key, value);
      }
    }
    Result<?> primary = run.getPrimaryResult();
    Statistics stats = primary.getStatistics();
    boolean sampled = run.getParams().getMode() == Mode.SampleTime;
    Map<String, Double> secondary = new LinkedHashMap<>();
    run.getSecondaryResults().forEach((label, result) -> secondary.put(label, result.getScore()));
    if (!sampled && secondary.containsKey(NativeLatencyProfiler.P50)) {
      return new Measurement(benchmark, params, primary.getScore(), primary.getScoreError(),
          primary.getScoreUnit(), secondary.get(NativeLatencyProfiler.P50),
          secondary.getOrDefault(NativeLatencyProfiler.P99, Double.NaN),
          secondary.getOrDefault(NativeLatencyProfiler.P999, Double.NaN), secondary);
    }
    return new Measurement(benchmark, params, primary.getScore(), primary.getScoreError(),
        primary.getScoreUnit(), sampled ? stats.getPercentile(50) : Double.NaN,
        sampled ? stats.getPercentile(99) : Double.NaN,
        sampled ? stats.getPercentile(99.9) : Double.NaN, secondary);
  }

  /**
   * True when the percentiles were timed inside the C peer (an AverageTime run of many round trips
   * per call), not by JMH's SampleTime: the two modes' harnesses allocate differently.
   */
  boolean timedNatively() {
    return secondary.containsKey(NativeLatencyProfiler.P50);
  }

  /**
   * Operations per second: the score of a throughput run, the inverse of the mean time per
   * operation otherwise (one benchmark thread runs one operation after another); NaN for a unit
   * it does not know.
   */
  double operationsPerSecond() {
    return switch (unit) {
      case "ops/s" -> score;
      case "ops/ms" -> score * 1e3;
      case "ops/us" -> score * 1e6;
      case "s/op" -> 1 / score;
      case "ms/op" -> 1e3 / score;
      case "us/op" -> 1e6 / score;
      case "ns/op" -> 1e9 / score;
      default -> Double.NaN;
    };
  }

  /**
   * Context switches of the whole benchmark process per 1,000 operations ({@link
   * ContextSwitchProfiler}'s rate over the operation rate), or NaN when not measured.
   */
  double contextSwitchesPerThousand() {
    return 1000.0 * secondary(ContextSwitchProfiler.LABEL) / operationsPerSecond();
  }

  /** A secondary result, or NaN when the run did not produce it. */
  double secondary(String label) {
    Double v = secondary.get(label);
    return v == null ? Double.NaN : v;
  }

  /** Allocated bytes per operation, or NaN without the GC profiler. */
  double allocatedBytesPerOp() {
    return secondary(ALLOC_NORM);
  }

  /** True when this is {@code benchmark} with every parameter in {@code wanted}. */
  boolean matches(String benchmarkName, Map<String, String> wanted) {
    if (!benchmark.equals(benchmarkName)) {
      return false;
    }
    for (Map.Entry<String, String> e : wanted.entrySet()) {
      if (!e.getValue().equals(params.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
