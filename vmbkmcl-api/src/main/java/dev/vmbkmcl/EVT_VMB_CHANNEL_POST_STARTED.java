package dev.vmbkmcl;

/**
 * {@code EVT_VMB_CHANNEL_POST_STARTED} / {@code PFN_VMB_CHANNEL_POST_STARTED}: The incoming queue runs: the place for synchronous protocol negotiation. Afterwards the channel is Active.
 *
 * <p>Runs at PASSIVE_LEVEL (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_POST_STARTED {
  /** The callback itself ({@code EvtVmbChannelPostStarted} in the KMCL documentation). */
  void EvtVmbChannelPostStarted(VMBCHANNEL Channel);
}
