package dev.vmbkmcl.benchmarks;

import java.util.Locale;

/**
 * How long {@code run.sh} measures: {@code smoke} proves every benchmark still runs (one short
 * iteration, fewest parameters, for CI), {@code default} gives usable figures in minutes, {@code full}
 * is for publishing.
 */
enum SuiteMode {
  /** One short iteration of each benchmark with reduced parameters. */
  SMOKE(1, 0, 100, 1, 300, true),
  /** The default: under 12 minutes on 2 cores (the plans are chosen per mode in Suite). */
  DEFAULT(1, 2, 1000, 3, 1000, false),
  /** Two forks, long warm-up and measurement. */
  FULL(2, 5, 2000, 10, 2000, false);

  final int forks;
  final int warmupIterations;
  final int warmupMillis;
  final int iterations;
  final int iterationMillis;
  final boolean reducedParameters;

  SuiteMode(int forks, int warmupIterations, int warmupMillis, int iterations, int iterationMillis,
      boolean reducedParameters) {
    this.forks = forks;
    this.warmupIterations = warmupIterations;
    this.warmupMillis = warmupMillis;
    this.iterations = iterations;
    this.iterationMillis = iterationMillis;
    this.reducedParameters = reducedParameters;
  }

  /** {@code smoke}, {@code default} or {@code full}. */
  static SuiteMode parse(String name) {
    for (SuiteMode m : values()) {
      if (m.label().equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("mode must be smoke, default or full, not " + name);
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** For the results header: "1 fork, 2 x 1 s warm-up, 3 x 1 s measurement". */
  String describe() {
    return String.format(Locale.ROOT, "%s: %d fork%s, %d x %.1f s warm-up, %d x %.1f s measurement",
        label(), forks, forks == 1 ? "" : "s", warmupIterations, warmupMillis / 1000.0, iterations,
        iterationMillis / 1000.0);
  }
}
