package dev.vmbkmcl;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * {@code EVT_VMB_PACKET_COMPLETION_ROUTINE} / {@code PFN_VMB_PACKET_COMPLETION_ROUTINE}: The sent packet's transaction retired. With {@code WAIT_FOR_COMPLETION}, the peer completed it and {@code Buffer} holds the peer's completion payload; without it, the packet was placed in the ring. {@code Status} is {@code STATUS_SUCCESS}, {@code STATUS_CANCELLED} (the channel closed or paused with the packet queued) or {@code STATUS_DEVICE_REMOVED} (the channel was rescinded or poisoned). Afterwards the packet may be freed or reused.
 *
 * <p>Runs at DISPATCH_LEVEL or below (see the README's threading model).
 */
@FunctionalInterface
public interface EVT_VMB_PACKET_COMPLETION_ROUTINE {
  /** The callback itself ({@code EvtVmbPacketCompletionRoutine} in the KMCL documentation). */
  void EvtVmbPacketCompletionRoutine(VMBPACKET Packet, NtStatus Status, @Nullable ByteBuffer Buffer, int BufferLength);
}
