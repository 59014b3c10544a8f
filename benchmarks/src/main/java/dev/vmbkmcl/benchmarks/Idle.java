package dev.vmbkmcl.benchmarks;

/**
 * How every busy-polling end in these benchmarks waits (the Agrona peers, the SDK's {@code spin}
 * mode, and {@code vmbring.c} in C): a spin hint, and every 128th time a yield, so that on a loaded
 * 2-core machine a spinner gives its core to the thread it is waiting for instead of burning the
 * whole time slice. One instance per thread.
 */
final class Idle {
  private static final int YIELD_EVERY = 128;
  private int spins;

  /** One idle step. */
  @SuppressWarnings("ThreadPriorityCheck") // yielding is the point: the peer may need this core
  void idle() {
    if (++spins % YIELD_EVERY == 0) {
      Thread.yield();
    } else {
      Thread.onSpinWait();
    }
  }
}
