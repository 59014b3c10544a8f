package dev.vmbkmcl;

import org.jspecify.annotations.Nullable;

/**
 * {@code EVT_VMB_CHANNEL_PROCESSING_COMPLETE_EX} / {@code PFN_VMB_CHANNEL_PROCESSING_COMPLETE_EX}: A batch of deliveries ended (the incoming ring went empty, or the transaction quota stopped the queue). {@code PacketsProcessed} counts the deliveries of the batch, redeliveries after a deferral included. Same semantics as {@link EVT_VMB_CHANNEL_PROCESSING_COMPLETE}, plus the {@code CallbackContext} given at registration.
 *
 * <p>Runs at DISPATCH_LEVEL or below (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_PROCESSING_COMPLETE_EX {
  /** The callback itself ({@code EvtVmbChannelProcessingCompleteEx} in the KMCL documentation). */
  void EvtVmbChannelProcessingCompleteEx(VMBCHANNEL Channel, @Nullable Object CallbackContext, int PacketsProcessed);
}
