package dev.vmbkmcl.channel;

/**
 * How a channel's threads wait for the peer when there is nothing to do: an SDK extension (KMCL has
 * no such knob; Agrona's {@code IdleStrategy} is the model). Chosen per channel before {@code
 * VmbChannelEnable} through {@code dev.vmbkmcl.ext.ChannelIdle}, else the backend's default ({@link
 * Transport#defaultIdleStrategy()}).
 */
public enum IdleStrategy {
  /**
   * Unmask the incoming ring and park until the peer's doorbell (the default, and what KMCL does):
   * no CPU while idle, a wake-up per doorbell.
   */
  PARK,
  /**
   * Spin for a short while, then yield, then unmask and park as {@link #PARK}: less latency after a
   * short gap, no CPU during a long one.
   */
  BACKOFF,
  /**
   * Never park (the DPDK way): the delivery thread and synchronous waiters spin on the ring, the
   * incoming ring stays masked so the peer rings no doorbell for new data, and the link's doorbell
   * wait is never used. Costs a core per channel while it is open.
   */
  BUSY_POLL;

  /**
   * One empty look of a polling loop: a spin hint, and a yield every 128th look, as the
   * benchmarks' polling peers do; on a loaded 2-core machine the thread this one waits for may need
   * the core. Shared by every spinning wait of the engine, so they all behave alike.
   *
   * @param look a counter the caller advances once per look
   */
  @SuppressWarnings("ThreadPriorityCheck") // the yield is the point: the peer may need this core
  static void pollPause(int look) {
    if ((look & 127) == 0) {
      Thread.yield();
    } else {
      Thread.onSpinWait();
    }
  }
}
