package dev.vmbkmcl;

/**
 * {@code EVT_VMB_CHANNEL_PNP_FAILURE} / {@code PFN_VMB_CHANNEL_PNP_FAILURE}: Client endpoint only: the PnP target was found but connecting to it failed asynchronously.
 *
 * <p>Runs at PASSIVE_LEVEL (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_PNP_FAILURE {
  /** The callback itself ({@code EvtChannelPnpFailure} in the KMCL documentation). */
  void EvtChannelPnpFailure(VMBCHANNEL Channel, NtStatus FailureStatus);
}
