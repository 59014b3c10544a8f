package dev.vmbkmcl;

import org.jspecify.annotations.Nullable;

/**
 * {@code EVT_VMB_CHANNEL_CLOSED_EX} / {@code PFN_VMB_CHANNEL_CLOSED_EX}: The channel closed: the driver called {@code VmbChannelDisable}, or the peer closed or rescinded. Destroy all GPADLs here. Same semantics as {@link EVT_VMB_CHANNEL_CLOSED}, plus the {@code CallbackContext} given at registration.
 *
 * <p>Runs at PASSIVE_LEVEL (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_CLOSED_EX {
  /** The callback itself ({@code EvtVmbChannelClosedEx} in the KMCL documentation). */
  void EvtVmbChannelClosedEx(VMBCHANNEL Channel, @Nullable Object CallbackContext);
}
