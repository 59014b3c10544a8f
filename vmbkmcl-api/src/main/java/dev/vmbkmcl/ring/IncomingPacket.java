package dev.vmbkmcl.ring;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reusable view of one packet that {@link RingReader} copied out of the ring (reference §2.1; the
 * kernel's {@code struct vmpacket_descriptor} plus its body). Valid until the next {@link
 * RingReader#read}. Fields come from the private copy, never from shared memory, so the peer cannot
 * change them after validation (§2.10 item 7).
 */
public final class IncomingPacket {
  ByteBuffer copy = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
  int type;
  int offset8;
  int len8;
  int flags;
  long transactionId;

  /** An empty view; pass it to {@link RingReader#read}. */
  public IncomingPacket() {}

  /** The packet type (6, 7, 9 or 0x0B). */
  public int type() {
    return type;
  }

  /** The flags (bit 0: completion requested). */
  public int flags() {
    return flags;
  }

  /** The transaction id. */
  public long transactionId() {
    return transactionId;
  }

  /** {@code offset8}: the payload starts at {@code offset8 * 8}. */
  public int offset8() {
    return offset8;
  }

  /** {@code len8}: the packet is {@code len8 * 8} bytes, padding included. */
  public int len8() {
    return len8;
  }

  /**
   * The copy of the packet: the reader's private buffer, or the target given to {@link
   * RingReader#read(IncomingPacket, ByteBuffer)} when it was large enough. Bytes [0, len8 * 8) hold
   * the whole packet, descriptor included (position 0, limit {@code len8 * 8}). The reader reuses
   * it, so it is only valid until the next read.
   */
  public ByteBuffer buffer() {
    return copy;
  }

  /** Where the payload starts in {@link #buffer()}. */
  public int payloadOffset() {
    return offset8 * 8;
  }

  /** Payload bytes, padding included ({@code (len8 - offset8) * 8}, §2.2). */
  public int payloadLength() {
    return (len8 - offset8) * 8;
  }

  /** True when the sender asked for a completion. */
  public boolean completionRequested() {
    return (flags & PacketLayout.FLAG_COMPLETION_REQUESTED) != 0;
  }
}
