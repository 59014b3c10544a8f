package dev.vmbkmcl;

/**
 * {@code EVT_VMB_CHANNEL_CLOSED} / {@code PFN_VMB_CHANNEL_CLOSED}: The channel closed: the driver called {@code VmbChannelDisable}, or the peer closed or rescinded. Destroy all GPADLs here.
 *
 * <p>Runs at PASSIVE_LEVEL (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_CLOSED {
  /** The callback itself ({@code EvtVmbChannelClosed} in the KMCL documentation). */
  void EvtVmbChannelClosed(VMBCHANNEL Channel);
}
