package dev.vmbkmcl.sim;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Rings doorbells late, for {@link SimFaults#delayDoorbells}: one daemon thread for the whole
 * process, started on the first late ring. It is not an engine thread: it holds no channel state and
 * a late ring to a closed endpoint is harmless, so nothing needs to stop it.
 */
final class LateDoorbells {
  private LateDoorbells() {}

  /** Created on first use, so a plan without delays starts no thread. */
  private static final class Holder {
    static final ScheduledExecutorService SCHEDULER = scheduler();

    private static ScheduledExecutorService scheduler() {
      ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "sim-late-doorbells");
        t.setDaemon(true);
        return t;
      });
      s.setRemoveOnCancelPolicy(true);
      return s;
    }
  }

  /** Rings {@code bell} after {@code delayNanos}. */
  static void ring(SimDoorbell bell, long delayNanos) {
    ScheduledFuture<?> unused =
        Holder.SCHEDULER.schedule(bell::ring, delayNanos, TimeUnit.NANOSECONDS);
  }
}
