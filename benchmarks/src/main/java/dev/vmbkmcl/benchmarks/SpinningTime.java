package dev.vmbkmcl.benchmarks;

import dev.vmbkmcl.spi.TimeSource;

/**
 * The real clock with a busy wait: {@link #parkNanos} takes one {@link Idle} step and returns, so a
 * thread waiting in {@code VmbChannelSendSynchronousRequest} polls its completion instead of parking
 * (the "spin" waiting mode of the round-trip benchmark). Benchmarks only: it burns a core.
 */
final class SpinningTime implements TimeSource {
  private final ThreadLocal<Idle> idle = ThreadLocal.withInitial(Idle::new);

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public long currentTimeMillis() {
    return System.currentTimeMillis();
  }

  /** Returns after one idle step; callers re-check their condition (the contract allows it). */
  @Override
  public void parkNanos(Object blocker, long nanos) {
    idle.get().idle();
  }
}
