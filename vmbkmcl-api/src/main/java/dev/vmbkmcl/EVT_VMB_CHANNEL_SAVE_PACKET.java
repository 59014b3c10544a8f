package dev.vmbkmcl;

import java.nio.ByteBuffer;

/**
 * {@code EVT_VMB_CHANNEL_SAVE_PACKET} / {@code PFN_VMB_CHANNEL_SAVE_PACKET}: Server only, during {@code VmbChannelSaveContinue}, once per packet object in use. The first call has {@code SaveBufSize == 0}: a driver with private state fails it and sets {@code *BytesNeeded}; it is then called again with a buffer at least that large.
 *
 * <p>Runs at PASSIVE_LEVEL (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_SAVE_PACKET {
  /** The callback itself ({@code EvtVmbChannelSavePacket} in the KMCL documentation). */
  NtStatus EvtVmbChannelSavePacket(VMBCHANNEL Channel, VMBPACKET Packet, ByteBuffer SaveBuf, int SaveBufSize, UInt32Ref BytesNeeded);
}
