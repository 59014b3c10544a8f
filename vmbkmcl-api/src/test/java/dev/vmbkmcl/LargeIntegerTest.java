package dev.vmbkmcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@code LARGE_INTEGER} timeouts with the {@code KeWaitForSingleObject} meaning (§1.8). */
class LargeIntegerTest {
  private static final long NOW = 1_700_000_000_000L; // Unix milliseconds

  @Test
  void nullMeansWaitForever() {
    assertEquals(-1, LargeInteger.waitNanos(null, NOW));
  }

  @Test
  void zeroMeansDoNotWait() {
    assertEquals(0, LargeInteger.waitNanos(new LargeInteger(0), NOW));
  }

  @Test
  void negativeIsARelativeIntervalIn100NanosecondUnits() {
    assertEquals(100, LargeInteger.waitNanos(new LargeInteger(-1), NOW));
    assertEquals(1_000_000_000L, LargeInteger.waitNanos(new LargeInteger(-10_000_000), NOW));
  }

  @Test
  void anEnormousRelativeIntervalSaturatesInsteadOfOverflowing() {
    assertEquals(Long.MAX_VALUE, LargeInteger.waitNanos(new LargeInteger(Long.MIN_VALUE), NOW));
    assertEquals(Long.MAX_VALUE,
        LargeInteger.waitNanos(new LargeInteger(-(Long.MAX_VALUE / 100) - 1), NOW));
  }

  @Test
  void positiveIsAnAbsoluteTimeSince1601() {
    // 1970-01-01 is 11,644,473,600 seconds after 1601-01-01.
    assertEquals(116_444_736_000_000_000L, LargeInteger.EPOCH_1601_TO_1970_100NS);
    LargeInteger inTwoSeconds = new LargeInteger(LargeInteger.EPOCH_1601_TO_1970_100NS
        + (NOW + 2000) * 10_000);
    assertEquals(2_000_000_000L, LargeInteger.waitNanos(inTwoSeconds, NOW));
  }

  @Test
  void anAbsoluteTimeInThePastMeansDoNotWait() {
    assertEquals(0, LargeInteger.waitNanos(LargeInteger.absoluteUnixMillis(NOW - 1), NOW));
    assertEquals(0, LargeInteger.waitNanos(LargeInteger.absoluteUnixMillis(NOW), NOW));
    assertEquals(0, LargeInteger.waitNanos(new LargeInteger(1), NOW));
  }

  @Test
  void factoriesProduceTheDocumentedEncodings() {
    assertEquals(-10_000_000L, LargeInteger.relativeMillis(1000).QuadPart);
    assertEquals(LargeInteger.EPOCH_1601_TO_1970_100NS,
        LargeInteger.absoluteUnixMillis(0).QuadPart);
    assertEquals(0, new LargeInteger().QuadPart);
    assertThrows(IllegalArgumentException.class, () -> LargeInteger.relativeMillis(-1));
    assertEquals("LARGE_INTEGER(-5)", new LargeInteger(-5).toString());
  }
}
