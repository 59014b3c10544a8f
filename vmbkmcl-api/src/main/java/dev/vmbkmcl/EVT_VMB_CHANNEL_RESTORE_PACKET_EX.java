package dev.vmbkmcl;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * {@code EVT_VMB_CHANNEL_RESTORE_PACKET_EX} / {@code PFN_VMB_CHANNEL_RESTORE_PACKET_EX}: Server only, during {@code VmbChannelRestoreFromBuffer}, once per saved in-flight packet: allocate a packet, call {@code VmbPacketRestore(Packet, LibBuf, LibBufSize)}, then restore private state from {@code SaveBuf}. Same semantics as {@link EVT_VMB_CHANNEL_RESTORE_PACKET}, plus the {@code CallbackContext} given at registration.
 *
 * <p>Runs at PASSIVE_LEVEL (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_CHANNEL_RESTORE_PACKET_EX {
  /** The callback itself ({@code EvtVmbChannelRestorePacketEx} in the KMCL documentation). */
  NtStatus EvtVmbChannelRestorePacketEx(VMBCHANNEL Channel, @Nullable Object CallbackContext, ByteBuffer LibBuf, int LibBufSize, ByteBuffer SaveBuf, int SaveBufSize);
}
