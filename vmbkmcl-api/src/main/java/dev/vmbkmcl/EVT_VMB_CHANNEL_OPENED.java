package dev.vmbkmcl;

/**
 * {@code EVT_VMB_CHANNEL_OPENED} / {@code PFN_VMB_CHANNEL_OPENED}: The client endpoint opened the channel (fires at both endpoints). Packets may be queued but not sent before it runs; long-lived GPADLs may be created from here on. A failure status rolls the channel back to a state where no traffic flows.
 *
 * <p>Runs at PASSIVE_LEVEL (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_OPENED {
  /** The callback itself ({@code EvtVmbChannelOpened} in the KMCL documentation). */
  NtStatus EvtVmbChannelOpened(VMBCHANNEL Channel);
}
