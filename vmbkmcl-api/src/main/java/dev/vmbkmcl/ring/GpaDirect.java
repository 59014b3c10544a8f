package dev.vmbkmcl.ring;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * The GPA-direct type header of a type 9 packet (reference §2.7; the kernel's {@code struct
 * vmbus_packet_mpb_array} and page-buffer forms), between the descriptor and {@code offset8 * 8}:
 *
 * <pre>
 *  0x10 u32 reserved     0 when we write it; ignored when we read it
 *  0x14 u32 range_count  at least 1
 *  0x18 ranges, back to back, each:
 *       +0 u32 byte_count
 *       +4 u32 byte_offset   offset into the first page, below 4096
 *       +8 u64 pfn[n]        n = ceil((byte_offset + byte_count) / 4096), 4 KiB page numbers
 *  offset8*8  payload (optional)
 * </pre>
 *
 * Offsets above are in the packet (descriptor at 0). Encoding and decoding are little-endian,
 * whatever the buffer's byte order.
 */
public final class GpaDirect {
  /** Offset of {@code reserved} in the packet. */
  public static final int RESERVED = 16;
  /** Offset of {@code range_count} in the packet. */
  public static final int RANGE_COUNT = 20;
  /** Offset of the first range in the packet. */
  public static final int FIRST_RANGE = 24;
  /** Size of {@code reserved} and {@code range_count}, before the ranges. */
  public static final int HEADER_SIZE = 8;
  /** The Hyper-V page size the page numbers count in: {@link HvPage#SIZE}. */
  public static final int PAGE_SIZE = HvPage.SIZE;

  /** {@link #decode}: the header is sound. */
  public static final int VALID = 0;
  /** {@link #decode}: {@code offset8 * 8} leaves no room for reserved and range_count. */
  public static final int NO_HEADER = 1;
  /** {@link #decode}: {@code range_count} is 0. */
  public static final int NO_RANGES = 2;
  /** {@link #decode}: a range runs past {@code offset8 * 8}. */
  public static final int RANGE_OUTSIDE = 3;
  /** {@link #decode}: a range's {@code byte_offset} is not below 4096. */
  public static final int BAD_BYTE_OFFSET = 4;

  private GpaDirect() {}

  /** {@code ceil((byteOffset + byteCount) / 4096)}: the page numbers a range carries (§2.7). */
  public static int pageCount(int byteOffset, int byteCount) {
    return (int) ((Integer.toUnsignedLong(byteOffset) + Integer.toUnsignedLong(byteCount)
        + PAGE_SIZE - 1) / PAGE_SIZE);
  }

  /**
   * Writes the type header for {@code ranges} at {@code dst}'s position and advances it, so that
   * after {@code flip()} the buffer is the {@code typeHeader} of {@link RingWriter#write}.
   *
   * @return bytes written, {@link GpaRangeList#encodedSize()}
   * @throws IllegalArgumentException if {@code ranges} is empty (§2.7 needs at least one range)
   * @throws BufferOverflowException if {@code dst} has less room than that
   */
  public static int encode(ByteBuffer dst, GpaRangeList ranges) {
    if (ranges.rangeCount() == 0) {
      throw new IllegalArgumentException("GpaDirect.encode: a GPA-direct header needs a range");
    }
    int size = ranges.encodedSize();
    if (dst.remaining() < size) {
      throw new BufferOverflowException();
    }
    int at = dst.position();
    putInt(dst, at, 0);
    putInt(dst, at + 4, ranges.rangeCount());
    at += HEADER_SIZE;
    for (int i = 0; i < ranges.rangeCount(); i++) {
      putInt(dst, at, ranges.byteCount(i));
      putInt(dst, at + 4, ranges.byteOffset(i));
      at += 8;
      for (int p = 0; p < ranges.pageCount(i); p++) {
        putLong(dst, at, ranges.pfn(i, p));
        at += 8;
      }
    }
    dst.position(at);
    return size;
  }

  /**
   * Decodes and validates the untrusted header of a GPA-direct packet. Never reads at or past
   * {@code end}, never throws on bad content.
   *
   * @param packet the packet, descriptor at index 0 (e.g. {@link IncomingPacket#buffer()})
   * @param end {@code offset8 * 8} of the packet
   * @param into receives the ranges (cleared first; incomplete unless {@link #VALID}); null only
   *     validates
   * @return {@link #VALID}, {@link #NO_HEADER}, {@link #NO_RANGES}, {@link #RANGE_OUTSIDE} or
   *     {@link #BAD_BYTE_OFFSET}
   * @throws IndexOutOfBoundsException if {@code end} is past {@code packet}'s limit (a caller bug)
   */
  public static int decode(ByteBuffer packet, int end, @Nullable GpaRangeList into) {
    if (end > packet.limit()) {
      throw new IndexOutOfBoundsException("GpaDirect.decode: end " + end + " is past the limit "
          + packet.limit());
    }
    if (into != null) {
      into.clear();
    }
    if (end < FIRST_RANGE) {
      return NO_HEADER;
    }
    long count = Integer.toUnsignedLong(getInt(packet, RANGE_COUNT));
    if (count == 0) {
      return NO_RANGES;
    }
    int at = FIRST_RANGE;
    for (long i = 0; i < count; i++) {
      if (end - at < 8) {
        return RANGE_OUTSIDE;
      }
      int byteCount = getInt(packet, at);
      int byteOffset = getInt(packet, at + 4);
      if (Integer.compareUnsigned(byteOffset, PAGE_SIZE) >= 0) {
        return BAD_BYTE_OFFSET;
      }
      long pages = pageCount(byteOffset, byteCount);
      if ((end - at - 8) / 8 < pages) {
        return RANGE_OUTSIDE;
      }
      at += 8;
      if (into != null) {
        into.startRange(byteCount, byteOffset);
        for (long p = 0; p < pages; p++, at += 8) {
          into.addPage(getLong(packet, at));
        }
      } else {
        at += (int) (8 * pages);
      }
    }
    return VALID;
  }

  /** A short English description of a {@link #decode} status. */
  public static String describe(int status) {
    return switch (status) {
      case VALID -> "valid";
      case NO_HEADER -> "offset8*8 leaves no room for reserved and range_count";
      case NO_RANGES -> "range_count is 0";
      case RANGE_OUTSIDE -> "a range runs past offset8*8";
      case BAD_BYTE_OFFSET -> "a range's byte_offset is not below 4096";
      default -> "unknown status " + status;
    };
  }

  private static int getInt(ByteBuffer b, int index) {
    int v = b.getInt(index);
    return b.order() == ByteOrder.LITTLE_ENDIAN ? v : Integer.reverseBytes(v);
  }

  private static long getLong(ByteBuffer b, int index) {
    long v = b.getLong(index);
    return b.order() == ByteOrder.LITTLE_ENDIAN ? v : Long.reverseBytes(v);
  }

  private static void putInt(ByteBuffer b, int index, int value) {
    b.putInt(index, b.order() == ByteOrder.LITTLE_ENDIAN ? value : Integer.reverseBytes(value));
  }

  private static void putLong(ByteBuffer b, int index, long value) {
    b.putLong(index, b.order() == ByteOrder.LITTLE_ENDIAN ? value : Long.reverseBytes(value));
  }
}
