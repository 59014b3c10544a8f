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
 * Counts the benchmark process's context switches ({@link ContextSwitches}) across each measurement
 * iteration and reports their rate as the secondary result {@value #LABEL} (switches per second,
 * the mean over iterations). The results table divides it by the operation rate to give switches
 * per 1,000 operations. Everything in the fork counts: the benchmark's own threads, the peers'
 * threads, and the JVM's (JIT, GC), which is why a polling row is near 0 only on an idle machine.
 */
public final class ContextSwitchProfiler implements InternalProfiler {
  /** Secondary result label: context switches per second of the iteration. */
  static final String LABEL = "ctxsw.rate";

  private long switchesBefore;
  private long nanosBefore;

  /** The profiler JMH instantiates. */
  public ContextSwitchProfiler() {}

  @Override
  public String getDescription() {
    return "voluntary + involuntary context switches of the process (getrusage), per second";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    switchesBefore = ContextSwitches.now();
    nanosBefore = System.nanoTime();
  }

  @Override
  @SuppressWarnings("rawtypes") // JMH's InternalProfiler declares the raw Result
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long after = ContextSwitches.now();
    long nanos = System.nanoTime() - nanosBefore;
    if (after < 0 || switchesBefore < 0 || nanos <= 0) {
      return List.of();
    }
    return List.of(new ScalarResult(LABEL, (after - switchesBefore) * 1e9 / nanos, "#/s",
        AggregationPolicy.AVG));
  }
}
