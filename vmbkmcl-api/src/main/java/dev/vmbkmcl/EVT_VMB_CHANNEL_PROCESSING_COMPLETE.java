package dev.vmbkmcl;

/**
 * {@code EVT_VMB_CHANNEL_PROCESSING_COMPLETE} / {@code PFN_VMB_CHANNEL_PROCESSING_COMPLETE}: A batch of deliveries ended (the incoming ring went empty, or the transaction quota stopped the queue). {@code PacketsProcessed} counts the deliveries of the batch, redeliveries after a deferral included.
 *
 * <p>Runs at DISPATCH_LEVEL or below (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_PROCESSING_COMPLETE {
  /** The callback itself ({@code EvtVmbChannelProcessingComplete} in the KMCL documentation). */
  void EvtVmbChannelProcessingComplete(VMBCHANNEL Channel, int PacketsProcessed);
}
