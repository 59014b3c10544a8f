package dev.vmbkmcl.benchmarks;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A doorbell between two threads with the semantics of an interrupt counter: rings are counted, a
 * ring before the wait is not lost, and several rings collapse into one wake-up.
 */
final class Doorbell {
  private final Semaphore rings = new Semaphore(0);

  void ring() {
    rings.release();
  }

  /** Waits for a ring or {@code timeoutNanos}, whichever comes first. */
  void await(long timeoutNanos) throws InterruptedException {
    if (rings.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
      rings.drainPermits();
    }
  }
}
