package dev.vmbkmcl.sim;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One endpoint's doorbell between threads: rings are counted, several collapse into one wake-up, and
 * none is lost between two waits (the semantics of a uio interrupt counter, reference §4.3).
 */
final class SimDoorbell {
  private final Semaphore rings = new Semaphore(0);

  void ring() {
    rings.release();
  }

  void await(long timeoutNanos) throws InterruptedException {
    if (rings.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
      rings.drainPermits();
    }
  }
}
