package dev.vmbkmcl.ring;

/**
 * Byte layout of a VMBus packet in the ring (reference §2.1–§2.6; the kernel's {@code struct
 * vmpacket_descriptor}): a 16-byte descriptor, an optional type-specific header (a multiple of 8
 * bytes), the payload, zero padding to 8 bytes, then an 8-byte trailer that is not counted in
 * {@code len8}.
 *
 * <pre>
 *  0x00 u16 type        6 inband, 7 transfer pages, 9 GPA direct, 0x0B completion
 *  0x02 u16 offset8     (descriptor + type header) / 8: the payload starts at offset8 * 8
 *  0x04 u16 len8        whole packet / 8, padding included, trailer excluded
 *  0x06 u16 flags       bit 0: completion requested
 *  0x08 u64 trans_id
 *  0x10 type header, payload, padding ... then u64 trailer = (packet start offset) &lt;&lt; 32
 * </pre>
 */
public final class PacketLayout {
  /** Offset of {@code type}. */
  public static final int TYPE = 0;
  /** Offset of {@code offset8}. */
  public static final int OFFSET8 = 2;
  /** Offset of {@code len8}. */
  public static final int LEN8 = 4;
  /** Offset of {@code flags}. */
  public static final int FLAGS = 6;
  /** Offset of {@code trans_id}. */
  public static final int TRANSACTION_ID = 8;
  /** Size of the descriptor. */
  public static final int DESCRIPTOR_SIZE = 16;
  /** Size of the trailer after every packet. */
  public static final int TRAILER_SIZE = 8;
  /** The largest packet {@code len8} can express: 0xFFFF * 8. */
  public static final int MAX_PACKET_BYTES = 524_280;
  /** {@code VM_PKT_DATA_INBAND}. */
  public static final int TYPE_INBAND = 6;
  /** {@code VM_PKT_DATA_USING_XFER_PAGES}. */
  public static final int TYPE_TRANSFER_PAGES = 7;
  /** {@code VM_PKT_DATA_USING_GPA_DIRECT}. */
  public static final int TYPE_GPA_DIRECT = 9;
  /** {@code VM_PKT_COMP}. */
  public static final int TYPE_COMPLETION = 0x0B;
  /** {@code VMBUS_DATA_PACKET_FLAG_COMPLETION_REQUESTED}. */
  public static final int FLAG_COMPLETION_REQUESTED = 1;

  private PacketLayout() {}

  /**
   * {@code align8(16 + typeHeaderBytes + payloadBytes)}: the {@code len8 * 8} of such a packet
   * (§2.2). Not capped at {@link #MAX_PACKET_BYTES}: the writer reports larger ones as too large.
   *
   * @throws IllegalArgumentException if a size is negative or the result exceeds 2^31 - 16
   */
  public static int packetLength(int typeHeaderBytes, int payloadBytes) {
    long raw = (long) DESCRIPTOR_SIZE + typeHeaderBytes + payloadBytes;
    long length = (raw + 7) & ~7L;
    if (typeHeaderBytes < 0 || payloadBytes < 0 || length > Integer.MAX_VALUE - 15) {
      throw new IllegalArgumentException("PacketLayout: type header " + typeHeaderBytes
          + " and payload " + payloadBytes + " bytes do not make a packet length");
    }
    return (int) length;
  }

  /**
   * {@link #packetLength} plus {@link #TRAILER_SIZE}: the ring bytes the packet consumes (§2.3),
   * the {@code T} of §3.1 and the value a blocked writer publishes as {@code pending_send_sz}
   * (§3.4).
   *
   * @throws IllegalArgumentException as {@link #packetLength}
   */
  public static int ringBytes(int typeHeaderBytes, int payloadBytes) {
    return packetLength(typeHeaderBytes, payloadBytes) + TRAILER_SIZE;
  }
}
