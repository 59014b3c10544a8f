package dev.vmbkmcl;

import org.jspecify.annotations.Nullable;

/**
 * {@code EVT_VMB_CHANNEL_OPENED_EX} / {@code PFN_VMB_CHANNEL_OPENED_EX}: The client endpoint opened the channel (fires at both endpoints). Packets may be queued but not sent before it runs; long-lived GPADLs may be created from here on. A failure status rolls the channel back to a state where no traffic flows. Same semantics as {@link EVT_VMB_CHANNEL_OPENED}, plus the {@code CallbackContext} given at registration.
 *
 * <p>Runs at PASSIVE_LEVEL (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_OPENED_EX {
  /** The callback itself ({@code EvtVmbChannelOpenedEx} in the KMCL documentation). */
  NtStatus EvtVmbChannelOpenedEx(VMBCHANNEL Channel, @Nullable Object CallbackContext);
}
