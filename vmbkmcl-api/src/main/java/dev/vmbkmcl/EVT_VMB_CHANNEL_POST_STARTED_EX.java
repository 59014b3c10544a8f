package dev.vmbkmcl;

import org.jspecify.annotations.Nullable;

/**
 * {@code EVT_VMB_CHANNEL_POST_STARTED_EX} / {@code PFN_VMB_CHANNEL_POST_STARTED_EX}: The incoming queue runs: the place for synchronous protocol negotiation. Afterwards the channel is Active. Same semantics as {@link EVT_VMB_CHANNEL_POST_STARTED}, plus the {@code CallbackContext} given at registration.
 *
 * <p>Runs at PASSIVE_LEVEL (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_POST_STARTED_EX {
  /** The callback itself ({@code EvtVmbChannelPostStartedEx} in the KMCL documentation). */
  void EvtVmbChannelPostStartedEx(VMBCHANNEL Channel, @Nullable Object CallbackContext);
}
