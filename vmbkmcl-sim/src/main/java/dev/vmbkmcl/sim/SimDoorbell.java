package dev.vmbkmcl.sim;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One endpoint's doorbell between threads: rings are counted, several collapse into one wake-up, and
 * none is lost between two waits (the semantics of a uio interrupt counter, reference §4.3). A waiter
 * parks ({@link SimWait#PARK}) or spins ({@link SimWait#SPIN}, for benchmarks on idle cores).
 */
final class SimDoorbell {
  private final Semaphore rings = new Semaphore(0);
  private final AtomicInteger spins = new AtomicInteger();
  private final SimWait wait;

  SimDoorbell(SimWait wait) {
    this.wait = wait;
  }

  void ring() {
    if (wait == SimWait.SPIN) {
      spins.incrementAndGet();
    } else {
      rings.release();
    }
  }

  void await(long timeoutNanos) throws InterruptedException {
    if (wait == SimWait.SPIN) {
      long deadline = System.nanoTime() + timeoutNanos;
      while (spins.getAndSet(0) == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      return;
    }
    if (rings.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
      rings.drainPermits();
    }
  }
}
