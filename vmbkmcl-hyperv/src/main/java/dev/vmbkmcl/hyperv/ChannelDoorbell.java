package dev.vmbkmcl.hyperv;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The guest-side doorbell of one channel of a uio device. All channels of a device share one uio
 * interrupt counter (ring reference §4.3, §4.5), so the {@link InterruptDispatcher} rings every
 * channel's doorbell on each interrupt and each channel looks at its own ring. Rings are counted,
 * not lost: a ring that arrives while nobody waits makes the next wait return at once.
 *
 * <p>A channel whose interrupts the kernel may keep masked (a sub-channel on a kernel before the
 * fix that leaves the mask to user space, §4.7) polls: its waits last at most {@code pollNanos}.
 */
final class ChannelDoorbell {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition rung = lock.newCondition();
  private final long pollNanos;
  private boolean pending;

  /**
   * @param pollNanos longest wait when the channel must be polled, 0 when interrupts reach it
   */
  ChannelDoorbell(long pollNanos) {
    this.pollNanos = pollNanos;
  }

  /** The host signalled the device (or a wake-up was asked for): the next wait returns at once. */
  void ring() {
    lock.lock();
    try {
      pending = true;
      rung.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Whether this channel polls its ring instead of trusting interrupts. */
  boolean polls() {
    return pollNanos > 0;
  }

  /**
   * Waits until {@link #ring()} (since the last wait) or until {@code timeoutNanos} pass, at most
   * the poll interval for a polled channel.
   *
   * @return true when a ring ended the wait, false when the timeout (or the poll interval) did
   * @throws InterruptedException when the waiting thread is interrupted
   */
  boolean await(long timeoutNanos) throws InterruptedException {
    long wait = pollNanos > 0 ? Math.min(timeoutNanos, pollNanos) : timeoutNanos;
    lock.lockInterruptibly();
    try {
      long left = wait;
      while (!pending && left > 0) {
        left = rung.awaitNanos(left);
      }
      boolean wasRung = pending;
      pending = false;
      return wasRung;
    } finally {
      lock.unlock();
    }
  }

  /** The poll interval of a polled sub-channel: short enough for interactive traffic. */
  static long defaultPollNanos() {
    return TimeUnit.MILLISECONDS.toNanos(1);
  }
}
