package dev.vmbkmcl;

import org.jspecify.annotations.Nullable;

/**
 * {@code EVT_VMB_CHANNEL_STARTED_EX} / {@code PFN_VMB_CHANNEL_STARTED_EX}: The channel is open and started, before any packet is delivered. May queue sends; must not wait for replies ({@code VmbChannelSendSynchronousRequest} would never return here). Same semantics as {@link EVT_VMB_CHANNEL_STARTED}, plus the {@code CallbackContext} given at registration.
 *
 * <p>Runs at PASSIVE_LEVEL (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_STARTED_EX {
  /** The callback itself ({@code EvtVmbChannelStartedEx} in the KMCL documentation). */
  void EvtVmbChannelStartedEx(VMBCHANNEL Channel, @Nullable Object CallbackContext);
}
