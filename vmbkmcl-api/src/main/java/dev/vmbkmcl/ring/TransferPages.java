package dev.vmbkmcl.ring;

/**
 * The transfer-page type header of a type 7 packet (reference §2.8; the kernel's {@code struct
 * vmtransfer_page_packet_header}), sent by a host into its receive buffer (netvsc):
 *
 * <pre>
 *  0x10 u16 transfer page set id
 *  0x12 u8  sender_owns_set (may be garbage)
 *  0x13 u8  reserved
 *  0x14 u32 range_count
 *  0x18 ranges, 8 bytes each: u32 byte_count, u32 byte_offset (into the receive buffer)
 *  offset8*8  payload
 * </pre>
 *
 * Offsets are in the packet (descriptor at 0). {@link RingReader} checks that the ranges end within
 * {@code offset8 * 8}.
 */
public final class TransferPages {
  /** Offset of the transfer page set id. */
  public static final int SET_ID = 16;
  /** Offset of {@code range_count}. */
  public static final int RANGE_COUNT = 20;
  /** Offset of the first range. */
  public static final int FIRST_RANGE = 24;
  /** Size of one range. */
  public static final int RANGE_SIZE = 8;

  private TransferPages() {}
}
