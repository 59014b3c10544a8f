package dev.vmbkmcl;

/**
 * {@code EVT_VMB_CHANNEL_STARTED} / {@code PFN_VMB_CHANNEL_STARTED}: The channel is open and started, before any packet is delivered. May queue sends; must not wait for replies ({@code VmbChannelSendSynchronousRequest} would never return here).
 *
 * <p>Runs at PASSIVE_LEVEL (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_STARTED {
  /** The callback itself ({@code EvtVmbChannelStarted} in the KMCL documentation). */
  void EvtVmbChannelStarted(VMBCHANNEL Channel);
}
