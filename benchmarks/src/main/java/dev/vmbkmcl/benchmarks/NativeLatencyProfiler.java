package dev.vmbkmcl.benchmarks;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the percentiles of the round trips the C peer timed itself in one iteration ({@link
 * NativeLatency}) as secondary results {@value #P50}, {@value #P99}, {@value #P999} in µs; a
 * benchmark that records none gets none. The run's value is the mean over its iterations.
 */
public final class NativeLatencyProfiler implements InternalProfiler {
  /** Secondary result label of the median, µs. */
  static final String P50 = "native.p50";
  /** Secondary result label of the 99th percentile, µs. */
  static final String P99 = "native.p99";
  /** Secondary result label of the 99.9th percentile, µs. */
  static final String P999 = "native.p99.9";

  /** The profiler JMH instantiates. */
  public NativeLatencyProfiler() {}

  @Override
  public String getDescription() {
    return "percentiles of round trips timed inside the C peer";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    NativeLatency.reset();
  }

  @Override
  @SuppressWarnings("rawtypes") // JMH's InternalProfiler declares the raw Result
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long[] sorted = NativeLatency.takeSorted();
    if (sorted.length == 0) {
      return List.of();
    }
    return List.of(micros(P50, NativeLatency.percentile(sorted, 50)),
        micros(P99, NativeLatency.percentile(sorted, 99)),
        micros(P999, NativeLatency.percentile(sorted, 99.9)));
  }

  private static ScalarResult micros(String label, double nanos) {
    return new ScalarResult(label, nanos / 1000.0, "us", AggregationPolicy.AVG);
  }
}
