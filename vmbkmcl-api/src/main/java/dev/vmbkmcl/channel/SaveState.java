package dev.vmbkmcl.channel;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Server save/restore (kmcl-api.md §1.7, §2.I). The saved form is a sequence of whole chunks; each
 * {@code VmbChannelSaveContinue} output holds one or more of them, and {@code
 * VmbChannelRestoreFromBuffer} takes the outputs back in order (§5 item 24).
 *
 * <pre>
 * chunk     u32 magic 0x53424D56 ("VMBS")  u32 kind  u32 length (whole chunk)  body
 * kind 1    header: u32 format version 1, u32 packet count
 * kind 2    packet: the KMCL part ("LibBuf": u64 transaction id, u16 ring type, u16 ring flags,
 *           u32 queued (1) or in the ring (0), u32 payload length, u32 header length, payload,
 *           header) then
 *           u32 driver state length and the driver's state ("SaveBuf")
 * kind 3    end
 * </pre>
 *
 * <p>A packet already in the ring is saved without its bytes (the peer holds them and will complete
 * it); a packet still queued is saved with them and goes out when the restored channel opens.
 */
final class SaveState {
  static final int MAGIC = 0x53424D56;
  static final int KIND_HEADER = 1;
  static final int KIND_PACKET = 2;
  static final int KIND_END = 3;
  static final int CHUNK_HEADER = 12;
  static final int LIB_FIXED = 24;

  private final List<byte[]> chunks = new ArrayList<>();
  private int next;

  /** Builds every chunk at SaveBegin time, running the per-packet save callbacks. */
  static SaveState capture(EngineChannel channel, List<EnginePacket> packets, SavePacketCall save) {
    SaveState s = new SaveState();
    byte[] header = chunk(KIND_HEADER, 8);
    body(header).putInt(1).putInt(packets.size());
    s.chunks.add(header);
    for (EnginePacket p : packets) {
      byte[] driverState = save.savePacket(p);
      boolean queued = p.phase == EnginePacket.Phase.QUEUED;
      int payload = queued ? p.queuedPayload.limit() : 0;
      int typeHeader = queued ? p.queuedHeader.limit() : 0;
      byte[] raw = chunk(KIND_PACKET, LIB_FIXED + payload + typeHeader + 4 + driverState.length);
      ByteBuffer c = body(raw);
      c.putLong(p.transactionId).putShort((short) p.type).putShort((short) p.ringFlags)
          .putInt(queued ? 1 : 0).putInt(payload).putInt(typeHeader);
      c.put(p.queuedPayload.duplicate().position(0).limit(payload));
      c.put(p.queuedHeader.duplicate().position(0).limit(typeHeader));
      c.putInt(driverState.length).put(driverState);
      s.chunks.add(raw);
    }
    s.chunks.add(chunk(KIND_END, 0));
    return s;
  }

  /** The driver's per-packet save callback, as the engine runs it (§3.3). */
  interface SavePacketCall {
    byte[] savePacket(EnginePacket packet);
  }

  /** A chunk of {@code bodyLength} body bytes with its header filled in. */
  private static byte[] chunk(int kind, int bodyLength) {
    byte[] raw = new byte[CHUNK_HEADER + bodyLength];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).putInt(MAGIC).putInt(kind)
        .putInt(CHUNK_HEADER + bodyLength);
    return raw;
  }

  /** A little-endian view of {@code raw} positioned at the chunk body. */
  private static ByteBuffer body(byte[] raw) {
    return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).position(CHUNK_HEADER);
  }

  /** {@code VmbChannelSaveContinue}: as many whole chunks as fit, from where the last call stopped. */
  NtStatus writeTo(ByteBuffer buffer, int size, UInt32Ref filled, UInt32Ref required) {
    int at = buffer.position();
    int written = 0;
    while (next < chunks.size() && written + chunks.get(next).length <= size) {
      byte[] c = chunks.get(next++);
      buffer.put(at + written, c);
      written += c.length;
    }
    filled.set(written);
    if (next == chunks.size()) {
      required.set(0);
      return NtStatus.STATUS_SUCCESS;
    }
    required.set(chunks.get(next).length);
    return written == 0 ? NtStatus.STATUS_BUFFER_TOO_SMALL : NtStatus.STATUS_BUFFER_OVERFLOW;
  }
}
