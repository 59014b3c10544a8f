package dev.vmbkmcl;

/**
 * {@code EVT_VMB_CHANNEL_SUSPEND} / {@code PFN_VMB_CHANNEL_SUSPEND}: A running channel is being paused or closed. After it no {@code EvtVmbChannelProcessPacket} starts until the next Started; the driver must still complete every outstanding incoming packet and stop sending.
 *
 * <p>Runs at PASSIVE_LEVEL (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_SUSPEND {
  /** The callback itself ({@code EvtVmbChannelSuspend} in the KMCL documentation). */
  void EvtVmbChannelSuspend(VMBCHANNEL Channel);
}
