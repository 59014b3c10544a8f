package dev.vmbkmcl.ring;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The GPA-direct type header (reference §2.7) that follows the descriptor of a type 9 packet: {@code
 * u32 reserved; u32 range_count}, then {@code range_count} ranges {@code u32 byte_count; u32
 * byte_offset; u64 pfn[ceil((byte_offset + byte_count) / 4096)]}, all inside {@code offset8 * 8}.
 */
public final class GpaDirect {
  /** Offset of {@code range_count} in the packet. */
  public static final int RANGE_COUNT = 20;
  /** Offset of the first range in the packet. */
  public static final int FIRST_RANGE = 24;
  private static final int PAGE = 4096;

  private GpaDirect() {}

  /**
   * Checks the header in {@code packet} (little-endian, descriptor at 0) against {@code end =
   * offset8 * 8}; returns null when it is sound, or the reason it is not. Never reads past {@code end}.
   */
  public static @Nullable String validate(ByteBuffer packet, int end) {
    if (end < FIRST_RANGE) {
      return "GPA-direct packet without its 8-byte header (offset8*8 = " + end + ")";
    }
    long count = Integer.toUnsignedLong(packet.getInt(RANGE_COUNT));
    if (count == 0) {
      return "GPA-direct packet with 0 ranges";
    }
    int at = FIRST_RANGE;
    for (long i = 0; i < count; i++) {
      if (at + 8 > end) {
        return "GPA-direct range " + i + " starts past offset8*8 = " + end;
      }
      long byteCount = Integer.toUnsignedLong(packet.getInt(at));
      long byteOffset = Integer.toUnsignedLong(packet.getInt(at + 4));
      if (byteOffset >= PAGE) {
        return "GPA-direct range " + i + " byte_offset " + byteOffset + " is not inside its first page";
      }
      long pages = (byteOffset + byteCount + PAGE - 1) / PAGE;
      long next = at + 8 + 8 * pages;
      if (next > end) {
        return "GPA-direct range " + i + " with " + pages + " pages runs past offset8*8 = " + end;
      }
      at = (int) next;
    }
    return null;
  }
}
