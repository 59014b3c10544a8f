package dev.vmbkmcl.benchmarks;

import java.util.Arrays;

/**
 * The round-trip times the C peer measured itself during the current JMH iteration ({@link
 * RoundTrip#c} adds them, {@link NativeLatencyProfiler} takes them at the iteration's end). A
 * static store because a JMH profiler cannot see benchmark state; both run in the same fork.
 */
final class NativeLatency {
  /** About 4 s of 1 µs round trips; beyond it samples are dropped (the percentiles stay valid). */
  private static final int MAX_SAMPLES = 4 << 20;
  private static long[] samples = new long[1 << 16];
  private static int count;

  private NativeLatency() {}

  /** Appends the first {@code n} of {@code nanos}. */
  static synchronized void add(long[] nanos, int n) {
    int room = Math.min(n, MAX_SAMPLES - count);
    if (room <= 0) {
      return;
    }
    if (count + room > samples.length) {
      samples = Arrays.copyOf(samples, Math.min(MAX_SAMPLES, Math.max(count + room,
          samples.length * 2)));
    }
    System.arraycopy(nanos, 0, samples, count, room);
    count += room;
  }

  /** Forgets every sample (the start of an iteration). */
  static synchronized void reset() {
    count = 0;
  }

  /** The samples since the last {@link #reset()}, sorted, and forgets them. */
  static synchronized long[] takeSorted() {
    long[] sorted = Arrays.copyOf(samples, count);
    count = 0;
    Arrays.sort(sorted);
    return sorted;
  }

  /** The {@code p}-th percentile (0 to 100) of sorted samples, nearest rank; NaN when empty. */
  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
