package dev.vmbkmcl.sim;

import dev.vmbkmcl.spi.TimeSource;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * One endpoint's doorbell between threads: rings are counted, several collapse into one wake-up, and
 * none is lost between two waits (the semantics of a uio interrupt counter, reference §4.3). A waiter
 * parks ({@link SimWait#PARK}) or spins ({@link SimWait#SPIN}, for benchmarks on idle cores).
 *
 * <p>Only the endpoint's delivery thread waits, so the doorbell remembers one waiting thread and
 * unparks it: no queue node per wait, unlike a {@code Semaphore}. Should a second thread ever wait at
 * the same time, it still returns at its timeout.
 *
 * <p>Timeouts follow the bus's {@link TimeSource}, so a test with an injected clock sees a wait end
 * in its own time instead of the machine's.
 */
final class SimDoorbell {
  private final AtomicBoolean rung = new AtomicBoolean();
  private volatile @Nullable Thread waiter;
  private final SimWait wait;
  private final TimeSource time;

  SimDoorbell(SimWait wait, TimeSource time) {
    this.wait = wait;
    this.time = time;
  }

  void ring() {
    rung.set(true);
    if (wait == SimWait.PARK) {
      // Read after the ring is stored: a waiter that registered too late for us sees the ring.
      Thread w = waiter;
      if (w != null) {
        LockSupport.unpark(w);
      }
    }
  }

  /**
   * Waits for a ring since the last wake-up, at most {@code timeoutNanos}.
   *
   * @return true when a ring ended the wait, false when the timeout did
   */
  boolean await(long timeoutNanos) throws InterruptedException {
    long deadline = time.nanoTime() + timeoutNanos; // compared by difference, so overflow is fine
    if (wait == SimWait.SPIN) {
      while (!takeRing()) {
        if (time.nanoTime() - deadline >= 0) {
          return false;
        }
        Thread.onSpinWait();
      }
      return true;
    }
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    Thread me = Thread.currentThread();
    // Registered before the ring is checked, so a ring() after the check sees us and unparks.
    waiter = me;
    try {
      while (!takeRing()) {
        long left = deadline - time.nanoTime();
        if (left <= 0) {
          return false;
        }
        time.parkNanos(this, left);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
      return true;
    } finally {
      waiter = null;
    }
  }

  /** Consumes every ring since the last wake-up; true if there was one. */
  private boolean takeRing() {
    return rung.get() && rung.getAndSet(false);
  }
}
