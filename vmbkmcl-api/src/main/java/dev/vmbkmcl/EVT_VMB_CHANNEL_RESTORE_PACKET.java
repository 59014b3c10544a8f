package dev.vmbkmcl;

import java.nio.ByteBuffer;

/**
 * {@code EVT_VMB_CHANNEL_RESTORE_PACKET} / {@code PFN_VMB_CHANNEL_RESTORE_PACKET}: Server only, during {@code VmbChannelRestoreFromBuffer}, once per saved in-flight packet: allocate a packet, call {@code VmbPacketRestore(Packet, LibBuf, LibBufSize)}, then restore private state from {@code SaveBuf}.
 *
 * <p>Runs at PASSIVE_LEVEL (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_RESTORE_PACKET {
  /** The callback itself ({@code EvtVmbChannelRestorePacket} in the KMCL documentation). */
  NtStatus EvtVmbChannelRestorePacket(VMBCHANNEL Channel, ByteBuffer LibBuf, int LibBufSize, ByteBuffer SaveBuf, int SaveBufSize);
}
