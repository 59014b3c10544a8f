package dev.vmbkmcl.sim;

import java.util.SplittableRandom;

/**
 * A seeded, deterministic fault plan for a simulated VMBus. Today it drops a chosen fraction of
 * doorbells; the engine must not lose a packet when a signal is lost, because its delivery thread
 * also looks at the ring when it wakes for any other reason.
 */
public final class SimFaults {
  private final SplittableRandom random;
  private volatile double doorbellDropRate;

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

  synchronized boolean dropDoorbell() {
    return doorbellDropRate > 0 && random.nextDouble() < doorbellDropRate;
  }
}
