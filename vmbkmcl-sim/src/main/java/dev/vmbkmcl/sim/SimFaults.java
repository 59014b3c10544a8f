package dev.vmbkmcl.sim;

import java.util.SplittableRandom;

/**
 * A seeded, deterministic fault plan for a simulated VMBus: dropped doorbells, and external data
 * that is not resident yet. When a doorbell is lost the engine must still lose no packet, because its delivery thread
 * also looks at the ring when it wakes for any other reason.
 */
public final class SimFaults {
  private final SplittableRandom random;
  private volatile double doorbellDropRate;
  private int pendingExternalData;

  /** A plan with no faults, seeded with {@code seed}. */
  public SimFaults(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** No faults at all. */
  public static SimFaults none() {
    return new SimFaults(0);
  }

  /** Drops each doorbell with probability {@code rate} (0 to 1). */
  public SimFaults dropDoorbells(double rate) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("dropDoorbells: rate " + rate + " is not in [0, 1]");
    }
    this.doorbellDropRate = rate;
    return this;
  }

  /**
   * The next {@code count} calls of {@code VmbChannelPacketGetExternalData} answer {@code
   * STATUS_PENDING}, as when guest pages must first be paged in; the packet is delivered again.
   */
  public synchronized SimFaults externalDataPendingTimes(int count) {
    pendingExternalData = count;
    return this;
  }

  synchronized boolean externalDataPending() {
    if (pendingExternalData > 0) {
      pendingExternalData--;
      return true;
    }
    return false;
  }

  synchronized boolean dropDoorbell() {
    return doorbellDropRate > 0 && random.nextDouble() < doorbellDropRate;
  }
}
