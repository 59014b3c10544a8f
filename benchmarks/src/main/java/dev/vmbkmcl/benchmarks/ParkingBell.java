package dev.vmbkmcl.benchmarks;

import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The Agrona peers' doorbell under {@link WakeUp#PARK}, built as the SDK's simulated doorbell is
 * ({@code LockSupport.park} / {@code unpark}, one remembered sleeper, nothing allocated per wait):
 * an idle end calls {@link #prepare()}, looks at its ring once more, then {@link #sleep()} and
 * {@link #finish()}; the other end calls {@link #ring()} after each publication, which wakes the
 * sleeper only if there is one (as the VMBus writer signals only an unmasked reader).
 * LockSupport's permit keeps an unpark between the last look and the park from being lost.
 */
final class ParkingBell {
  /** A backstop only: every wake-up is an unpark; this bounds the cost of a bug to a delay. */
  private static final long BACKSTOP_NANOS = 10_000_000L;
  private volatile @Nullable Thread sleeper;

  /** Registers the calling thread as the sleeper; the caller then looks at its ring once more. */
  void prepare() {
    sleeper = Thread.currentThread();
  }

  /** Parks until {@link #ring()} (or a spurious wake-up; the caller loops). */
  void sleep() {
    LockSupport.parkNanos(this, BACKSTOP_NANOS);
  }

  /** Ends the wait: rings from now on wake nobody. */
  void finish() {
    sleeper = null;
  }

  /** Wakes the sleeper, if any, after the caller published something it may wait for. */
  void ring() {
    // The publication was a release store (Agrona's ordered put); without a full fence the read
    // of the sleeper below could pass it and miss a thread that registered and looked just before.
    VarHandle.fullFence();
    Thread t = sleeper;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }
}
