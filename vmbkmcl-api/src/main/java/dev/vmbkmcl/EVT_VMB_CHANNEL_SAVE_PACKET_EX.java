package dev.vmbkmcl;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * {@code EVT_VMB_CHANNEL_SAVE_PACKET_EX} / {@code PFN_VMB_CHANNEL_SAVE_PACKET_EX}: Server only, during {@code VmbChannelSaveContinue}, once per packet object in use. The first call has {@code SaveBufSize == 0}: a driver with private state fails it and sets {@code *BytesNeeded}; it is then called again with a buffer at least that large. Same semantics as {@link EVT_VMB_CHANNEL_SAVE_PACKET}, plus the {@code CallbackContext} given at registration.
 *
 * <p>Runs at PASSIVE_LEVEL (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_SAVE_PACKET_EX {
  /** The callback itself ({@code EvtVmbChannelSavePacketEx} in the KMCL documentation). */
  NtStatus EvtVmbChannelSavePacketEx(VMBCHANNEL Channel, @Nullable Object CallbackContext, VMBPACKET Packet, ByteBuffer SaveBuf, int SaveBufSize, UInt32Ref BytesNeeded);
}
