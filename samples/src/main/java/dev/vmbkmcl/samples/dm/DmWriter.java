package dev.vmbkmcl.samples.dm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/** Shared steps of every encoder: bounds, zeroed reserved bytes, header, page ranges. */
final class DmWriter {
  private DmWriter() {}

  /**
   * Zeroes {@code size} bytes at {@code offset}, writes the header and returns a little-endian view
   * of {@code dst} for the fields.
   */
  static ByteBuffer begin(ByteBuffer dst, int offset, DmMessageType type, int size, int transId) {
    if (size > DmHeader.MAX_MESSAGE_SIZE) {
      throw new IllegalArgumentException(type + ": message of " + size + " bytes exceeds u16 size");
    }
    Objects.checkFromIndexSize(offset, size, dst.limit());
    ByteBuffer le = dst.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < size; i++) {
      le.put(offset + i, (byte) 0);
    }
    le.putShort(offset + DmHeader.TYPE, (short) type.code());
    le.putShort(offset + DmHeader.SIZE, (short) size);
    le.putInt(offset + DmHeader.TRANS_ID, transId);
    return le;
  }

  static void putRanges(ByteBuffer le, int index, List<PageRange> ranges) {
    for (int i = 0; i < ranges.size(); i++) {
      le.putLong(index + i * PageRange.SIZE, ranges.get(i).toWire());
    }
  }

  static int bit(boolean value) {
    return value ? 1 : 0;
  }
}
