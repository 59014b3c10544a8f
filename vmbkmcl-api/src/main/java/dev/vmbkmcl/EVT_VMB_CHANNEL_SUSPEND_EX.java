package dev.vmbkmcl;

import org.jspecify.annotations.Nullable;

/**
 * {@code EVT_VMB_CHANNEL_SUSPEND_EX} / {@code PFN_VMB_CHANNEL_SUSPEND_EX}: A running channel is being paused or closed. After it no {@code EvtVmbChannelProcessPacket} starts until the next Started; the driver must still complete every outstanding incoming packet and stop sending. Same semantics as {@link EVT_VMB_CHANNEL_SUSPEND}, plus the {@code CallbackContext} given at registration.
 *
 * <p>Runs at PASSIVE_LEVEL (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_SUSPEND_EX {
  /** The callback itself ({@code EvtVmbChannelSuspendEx} in the KMCL documentation). */
  void EvtVmbChannelSuspendEx(VMBCHANNEL Channel, @Nullable Object CallbackContext);
}
