package dev.vmbkmcl.spi;

import java.util.concurrent.locks.LockSupport;

/**
 * The engine's clock and the way its threads wait, injectable so that timeouts are testable without
 * sleeping (design.md "What to take" item 7).
 */
public interface TimeSource {
  /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Wall-clock milliseconds since 1970-01-01 UTC, for absolute {@code LARGE_INTEGER} timeouts. */
  long currentTimeMillis();

  /**
   * Waits up to {@code nanos} unless the thread is unparked first (it may return early, as {@link
   * LockSupport#parkNanos(Object, long)} does). Callers re-check their condition in a loop.
   */
  void parkNanos(Object blocker, long nanos);

  /** The real clock with {@link LockSupport#parkNanos(Object, long)}. */
  TimeSource SYSTEM = new TimeSource() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public long currentTimeMillis() {
      return System.currentTimeMillis();
    }

    @Override
    public void parkNanos(Object blocker, long nanos) {
      LockSupport.parkNanos(blocker, nanos);
    }
  };
}
