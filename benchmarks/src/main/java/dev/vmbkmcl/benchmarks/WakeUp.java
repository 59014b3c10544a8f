package dev.vmbkmcl.benchmarks;

import dev.vmbkmcl.channel.IdleStrategy;

/**
 * The wake-up policy of one table row, applied to the SDK and to every peer beside it, so that a
 * row never compares a polling end with a parked one (issue 12 item 6).
 */
enum WakeUp {
  /**
   * Every end polls: the SDK's {@link IdleStrategy#BUSY_POLL} (rings masked, no doorbell), the
   * Agrona and C peers spinning with a yield every 128th empty look ({@link Idle}).
   */
  BUSY_POLL("busy-poll", IdleStrategy.BUSY_POLL, CPeer.WAIT_POLL),
  /**
   * An idle end sleeps until the other end wakes it: the SDK's {@link IdleStrategy#PARK} (doorbell
   * = {@code LockSupport.unpark}), Agrona with {@link ParkingBell} ({@code LockSupport.park} /
   * {@code unpark}), C with {@code futex(FUTEX_WAIT / FUTEX_WAKE)}.
   */
  PARK("park", IdleStrategy.PARK, CPeer.WAIT_FUTEX);

  /** The JMH parameter value. */
  final String label;
  /** The SDK channels' idle strategy under this policy. */
  final IdleStrategy sdk;
  /** The C peer's {@code wait} argument. */
  final int c;

  WakeUp(String label, IdleStrategy sdk, int c) {
    this.label = label;
    this.sdk = sdk;
    this.c = c;
  }

  /** {@code busy-poll} or {@code park}. */
  static WakeUp parse(String name) {
    for (WakeUp w : values()) {
      if (w.label.equals(name)) {
        return w;
      }
    }
    throw new IllegalArgumentException("wake-up policy must be busy-poll or park, not " + name);
  }
}
