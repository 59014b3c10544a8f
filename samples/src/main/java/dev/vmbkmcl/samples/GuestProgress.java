package dev.vmbkmcl.samples;

import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What the main thread waits for while a guest driver serves a real host: a count of handled
 * requests reaching a goal, the driver stopping for a reason (the host closed the channel, the
 * protocol failed), or time running out. Advanced from the channel's callbacks.
 */
final class GuestProgress {
  private int count;
  private @Nullable String stopReason;

  /** One more request handled. */
  synchronized void advance() {
    count++;
    notifyAll();
  }

  /** The driver cannot go on; the first reason given is kept. */
  synchronized void stop(String reason) {
    if (stopReason == null) {
      stopReason = reason;
    }
    notifyAll();
  }

  /** Requests handled so far. */
  synchronized int count() {
    return count;
  }

  /** Why the driver stopped, or null while it serves. */
  synchronized @Nullable String stopReason() {
    return stopReason;
  }

  /**
   * Waits until {@code goal} requests were handled, the driver stopped, or {@code seconds} passed
   * ({@code 0}: no time limit).
   */
  synchronized void await(int goal, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (count < goal && stopReason == null) {
      if (seconds == 0) {
        wait();
      } else {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
  }
}
