package dev.vmbkmcl;

import org.jspecify.annotations.Nullable;

/**
 * {@code LARGE_INTEGER} as used by {@code PLARGE_INTEGER Timeout}, with the {@code
 * KeWaitForSingleObject} meaning (kmcl-api.md §1.8).
 *
 * <p>A {@code null} reference means wait without a limit. {@code QuadPart == 0}: do not wait.
 * Negative: a relative interval in 100 ns units, immune to clock changes. Positive: an absolute
 * system time in 100 ns units since 1601-01-01 UTC.
 */
public final class LargeInteger {
  /** 100 ns intervals between 1601-01-01 and 1970-01-01 (UTC). */
  public static final long EPOCH_1601_TO_1970_100NS = 116_444_736_000_000_000L;

  /** The 64-bit value, named as in C so that {@code Timeout.QuadPart = -10000000} ports as it is. */
  @SuppressWarnings("MemberName")
  public long QuadPart;

  /** A zero value. */
  public LargeInteger() {}

  /** A value of {@code value}. */
  public LargeInteger(long value) {
    this.QuadPart = value;
  }

  /** A relative timeout of {@code millis} milliseconds (a negative {@code QuadPart}). */
  public static LargeInteger relativeMillis(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("relativeMillis: negative duration " + millis);
    }
    return new LargeInteger(-Math.multiplyExact(millis, 10_000L));
  }

  /** An absolute timeout at {@code unixMillis} (milliseconds since 1970-01-01 UTC). */
  public static LargeInteger absoluteUnixMillis(long unixMillis) {
    return new LargeInteger(EPOCH_1601_TO_1970_100NS + Math.multiplyExact(unixMillis, 10_000L));
  }

  /**
   * Nanoseconds left to wait for a timeout that began at {@code nowUnixMillis}, or -1 for "wait
   * forever" when {@code timeout} is null. Zero means do not wait; an absolute time in the past also
   * gives zero.
   */
  public static long waitNanos(@Nullable LargeInteger timeout, long nowUnixMillis) {
    if (timeout == null) {
      return -1;
    }
    long q = timeout.QuadPart;
    if (q == 0) {
      return 0;
    }
    if (q < 0) {
      // Saturate: intervals past 292 years are "forever" rather than an overflow.
      return q < -(Long.MAX_VALUE / 100) ? Long.MAX_VALUE : -q * 100;
    }
    long unix100ns = q - EPOCH_1601_TO_1970_100NS;
    long remaining100ns = unix100ns - Math.multiplyExact(nowUnixMillis, 10_000L);
    if (remaining100ns <= 0) {
      return 0;
    }
    return remaining100ns > Long.MAX_VALUE / 100 ? Long.MAX_VALUE : remaining100ns * 100;
  }

  @Override
  public String toString() {
    return "LARGE_INTEGER(" + QuadPart + ")";
  }
}
