package dev.vmbkmcl.samples;

import java.util.Arrays;
import java.util.Locale;

/**
 * Round-trip times of the echo sample, for printing only: timings depend on the machine and its
 * load, so nothing checks them.
 *
 * @param count round trips measured
 * @param minNanos fastest
 * @param medianNanos median (the upper one for an even count)
 * @param maxNanos slowest
 */
record RoundTripFigures(int count, long minNanos, long medianNanos, long maxNanos) {
  /**
   * The figures of {@code nanos}, which is sorted in place.
   *
   * @throws IllegalArgumentException when {@code nanos} is empty
   */
  static RoundTripFigures of(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no round trips measured");
    }
    Arrays.sort(nanos);
    return new RoundTripFigures(nanos.length, nanos[0], nanos[nanos.length / 2],
        nanos[nanos.length - 1]);
  }

  /** For example {@code "1000 round trips: min 11.2 us, median 19.8 us, max 402.7 us"}. */
  String describe() {
    return String.format(Locale.ROOT, "%d round trips: min %.1f us, median %.1f us, max %.1f us",
        count, minNanos / 1e3, medianNanos / 1e3, maxNanos / 1e3);
  }
}
