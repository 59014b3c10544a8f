package dev.vmbkmcl;

import java.nio.ByteBuffer;

/**
 * {@code EVT_VMB_CHANNEL_PROCESS_PACKET} / {@code PFN_VMB_CHANNEL_PROCESS_PACKET}: One incoming packet. {@code Buffer} holds only the payload (bytes 0 to {@code BufferLength}; the VMBus header is removed and the length includes the sender's padding to 8 bytes). It is valid until the packet is completed. {@code Flags} may hold {@code VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA}. Every delivery must end in {@code VmbChannelPacketComplete}, {@code VmbChannelPacketDeferToPassive} (inline only) or {@code VmbChannelPacketFail}.
 *
 * <p>Runs at DISPATCH_LEVEL or below: the channel's delivery thread, or a worker thread when processing at passive (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_PROCESS_PACKET {
  /** The callback itself ({@code EvtVmbChannelProcessPacket} in the KMCL documentation). */
  void EvtVmbChannelProcessPacket(VMBCHANNEL Channel, VMBPACKETCOMPLETION Packet, ByteBuffer Buffer, int BufferLength, int Flags);
}
