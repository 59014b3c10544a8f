package dev.vmbkmcl.ring;

/**
 * Byte layout of a ring's control page (reference §1.1; the kernel's {@code struct
 * hv_ring_buffer}). All fields are little-endian u32, read and
 * written as aligned 32-bit accesses.
 *
 * <pre>
 *  0x000  write_index      producer: next write offset in the data area
 *  0x004  read_index       consumer: first unread offset in the data area
 *  0x008  interrupt_mask   consumer: 1 = do not signal me on empty to non-empty
 *  0x00C  pending_send_sz  producer: bytes it waits for when the ring is full, 0 when not blocked
 *  0x010  reserved (48 bytes)
 *  0x040  feature_bits     bit 0: pending_send_sz flow control supported
 *  0x044  reserved to the end of the page
 *  0x1000 data area: dataSize = ringSize - 4096 bytes of circular packet storage
 * </pre>
 */
public final class RingControlLayout {
  /** Offset of {@code write_index}. */
  public static final int WRITE_INDEX = 0;
  /** Offset of {@code read_index}. */
  public static final int READ_INDEX = 4;
  /** Offset of {@code interrupt_mask}. */
  public static final int INTERRUPT_MASK = 8;
  /** Offset of {@code pending_send_sz}. */
  public static final int PENDING_SEND_SIZE = 12;
  /** Offset of {@code feature_bits}. */
  public static final int FEATURE_BITS = 64;
  /** Size of the control page, one {@link HvPage}; the data area starts here. */
  public static final int CONTROL_PAGE_SIZE = HvPage.SIZE;
  /** {@code feature_bits} bit 0: the producer honours pending_send_sz flow control (§1.3). */
  public static final int FEATURE_PENDING_SEND_SIZE = 1;

  private RingControlLayout() {}
}
