package dev.vmbkmcl.ring;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * The Microsoft mixed-endian GUID wire form (reference §5.9, vectors §8.9; the C {@code GUID}
 * struct): {@code Data1} u32, {@code Data2} u16 and {@code Data3} u16 little-endian, then the 8
 * bytes of {@code Data4} as written. {@link UUID}'s bits are big-endian throughout, so the first
 * three fields are byte-swapped here. Byte order of the buffers does not matter.
 *
 * <pre>
 *  canonical f8615163-df3e-46c5-913f-f2d2f965ed0e
 *  wire      63 51 61 f8 | 3e df | c5 46 | 91 3f f2 d2 f9 65 ed 0e
 * </pre>
 */
public final class WireGuid {
  /** Bytes of a GUID on the wire. */
  public static final int SIZE = 16;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private WireGuid() {}

  /** Writes {@code guid} in wire form at {@code index} of {@code dst} (position unchanged). */
  public static void write(ByteBuffer dst, int index, UUID guid) {
    for (int i = 0; i < SIZE; i++) {
      dst.put(index + i, wireByte(guid, i));
    }
  }

  /** Reads a wire-form GUID at {@code index} of {@code src} (absolute; position unchanged). */
  public static UUID read(ByteBuffer src, int index) {
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < SIZE; i++) {
      long b = src.get(index + i) & 0xFFL;
      int bit = 8 * canonicalPosition(i);
      if (bit < 64) {
        msb |= b << (56 - bit);
      } else {
        lsb |= b << (120 - bit);
      }
    }
    return new UUID(msb, lsb);
  }

  /** The sysfs {@code modalias} of a device class: "vmbus:" and the wire form in 32 hex digits. */
  public static String modalias(UUID classId) {
    StringBuilder s = new StringBuilder("vmbus:".length() + 2 * SIZE).append("vmbus:");
    for (int i = 0; i < SIZE; i++) {
      int b = wireByte(classId, i) & 0xFF;
      s.append(HEX[b >>> 4]).append(HEX[b & 0xF]);
    }
    return s.toString();
  }

  /** Wire byte {@code i} of {@code guid}. */
  private static byte wireByte(UUID guid, int i) {
    int bit = 8 * canonicalPosition(i);
    long word = bit < 64 ? guid.getMostSignificantBits() : guid.getLeastSignificantBits();
    return (byte) (word >>> (56 - (bit & 63)));
  }

  /** Where wire byte {@code i} sits in the canonical big-endian 16 bytes: fields 1-3 reversed. */
  private static int canonicalPosition(int i) {
    if (i < 4) {
      return 3 - i;
    }
    if (i < 6) {
      return 9 - i;
    }
    if (i < 8) {
      return 13 - i;
    }
    return i;
  }
}
