package dev.vmbkmcl.sim;

import java.util.SplittableRandom;

/**
 * A seeded, deterministic fault plan for a simulated VMBus: dropped doorbells, late doorbells, and
 * external data that is not resident yet. The seed fixes which doorbells are dropped or delayed and
 * by how much. When a doorbell is lost or late the engine must still lose no packet, because its
 * delivery thread also looks at the ring when it wakes for any other reason.
 */
public final class SimFaults {
  private final SplittableRandom random;
  private volatile double doorbellDropRate;
  private volatile double doorbellDelayRate;
  private volatile long maxDoorbellDelayNanos;
  private int pendingExternalData;
  private long droppedDoorbells;
  private long delayedDoorbells;

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
   * Delays each doorbell that is not dropped with probability {@code rate} (0 to 1), by a seeded
   * time from 1 ns to {@code maxMicros} µs: the ring arrives late, after rings sent later, as an
   * interrupt held up in a busy host would. Late rings collapse with others as rings do.
   */
  public SimFaults delayDoorbells(double rate, long maxMicros) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("delayDoorbells: rate " + rate + " is not in [0, 1]");
    }
    if (maxMicros < 1 || maxMicros > 1_000_000) {
      throw new IllegalArgumentException(
          "delayDoorbells: maxMicros " + maxMicros + " is not in [1, 1000000]");
    }
    this.maxDoorbellDelayNanos = maxMicros * 1_000;
    this.doorbellDelayRate = rate;
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

  /** Doorbells dropped so far, so a test can tell that the fault really happened. */
  public synchronized long droppedDoorbells() {
    return droppedDoorbells;
  }

  /** Doorbells delayed so far. */
  public synchronized long delayedDoorbells() {
    return delayedDoorbells;
  }

  synchronized boolean dropDoorbell() {
    boolean drop = doorbellDropRate > 0 && random.nextDouble() < doorbellDropRate;
    droppedDoorbells += drop ? 1 : 0;
    return drop;
  }

  /** How long the next doorbell is held up, in nanoseconds; 0 rings it at once. */
  synchronized long doorbellDelayNanos() {
    double rate = doorbellDelayRate;
    if (rate > 0 && random.nextDouble() < rate) {
      delayedDoorbells++;
      return 1 + random.nextLong(maxDoorbellDelayNanos);
    }
    return 0;
  }
}
