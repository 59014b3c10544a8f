package dev.vmbkmcl.sim.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition by parking between looks, with a deadline far beyond any healthy run; the
 * deadline only turns a hang into a failure, it is never what a test measures.
 */
final class Await {
  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

  private Await() {}

  /** Returns once {@code condition} holds; fails naming {@code what} after the deadline. */
  static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("timed out waiting until " + what);
      }
      LockSupport.parkNanos(200_000L);
    }
  }

  /**
   * Checks {@code condition} {@code looks} times, 1 ms apart, calling {@code poke} before each
   * look (a doorbell, so the engine has every chance to do what it must not); fails at the first
   * look where it is false. Only used for "something never happens", which a correct engine passes
   * however slow the machine.
   */
  static void stillHolds(String what, int looks, Runnable poke, BooleanSupplier condition) {
    for (int i = 0; i < looks; i++) {
      poke.run();
      LockSupport.parkNanos(1_000_000L);
      if (!condition.getAsBoolean()) {
        fail("no longer true after " + i + " looks: " + what);
      }
    }
  }
}
