package dev.vmbkmcl.hyperv;

import dev.vmbkmcl.Mdl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the ranges of a transfer-page header (ring reference §2.8: {@code u16 set_id; u8
 * sender_owns_set; u8 reserved; u32 range_count}, then {@code u32 byte_count; u32 byte_offset} per
 * range) into the receive buffer they name. The host is untrusted: every range is checked against
 * the header's length and the buffer's size before an MDL describes it.
 */
final class TransferPageRanges {
  private static final int RANGE_COUNT = 4;
  private static final int FIRST_RANGE = 8;
  private static final int RANGE_SIZE = 8;

  private TransferPageRanges() {}

  /**
   * An MDL chain with one element per range over {@code buffer}, or null when the header is short,
   * names no range, or a range is empty or leaves the buffer.
   *
   * @param header the type header from the transfer page set id on (position 0 to its limit)
   * @param buffer the receive buffer
   */
  static @Nullable Mdl resolve(ByteBuffer header, ByteBuffer buffer) {
    ByteBuffer h = header.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int length = h.limit();
    if (length < FIRST_RANGE) {
      return null;
    }
    long count = Integer.toUnsignedLong(h.getInt(RANGE_COUNT));
    if (count == 0 || count > (length - FIRST_RANGE) / RANGE_SIZE) {
      return null;
    }
    Mdl first = null;
    Mdl last = null;
    for (int i = 0; i < count; i++) {
      int at = FIRST_RANGE + i * RANGE_SIZE;
      long byteCount = Integer.toUnsignedLong(h.getInt(at));
      long byteOffset = Integer.toUnsignedLong(h.getInt(at + 4));
      if (byteCount == 0 || byteOffset + byteCount > buffer.capacity()) {
        return null;
      }
      Mdl element = Mdl.IoAllocateMdl(buffer, (int) byteOffset, (int) byteCount);
      if (last == null) {
        first = element;
      } else {
        last.link(element);
      }
      last = element;
    }
    return first;
  }
}
