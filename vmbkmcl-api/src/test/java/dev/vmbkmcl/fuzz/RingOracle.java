package dev.vmbkmcl.fuzz;

import dev.vmbkmcl.ring.GpaDirect;
import dev.vmbkmcl.ring.RingReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What a reader must make of a ring, computed straight from the reference text and independently
 * of {@code dev.vmbkmcl.ring}: the index rules (§1.4), the reader checklist (§2.10), the GPA-direct
 * header rules (§2.7), the transfer-page header (§2.8) and the pending_send_sz decision (§3.6). It
 * works on plain longs so no intermediate value can overflow.
 */
final class RingOracle {
  static final int CONTROL = 4096;
  private static final int DESCRIPTOR = 16;
  private static final int TRAILER = 8;

  /** What the next read must return. */
  enum Kind { PACKET, EMPTY, CORRUPT }

  /**
   * The expected outcome of one read at a cursor; for a packet also its descriptor fields, its
   * bytes and where the next packet starts.
   */
  static final class Verdict {
    private final Kind kind;
    private final ByteBuffer descriptor;
    private final byte[] packet;
    private final int next;

    private Verdict(Kind kind, byte[] descriptor, byte[] packet, int next) {
      this.kind = kind;
      this.descriptor = ByteBuffer.wrap(descriptor).order(ByteOrder.LITTLE_ENDIAN);
      this.packet = packet;
      this.next = next;
    }

    static Verdict of(Kind kind) {
      return new Verdict(kind, new byte[DESCRIPTOR], new byte[0], -1);
    }

    Kind kind() {
      return kind;
    }

    int type() {
      return Short.toUnsignedInt(descriptor.getShort(0));
    }

    int offset8() {
      return Short.toUnsignedInt(descriptor.getShort(2));
    }

    int len8() {
      return Short.toUnsignedInt(descriptor.getShort(4));
    }

    int flags() {
      return Short.toUnsignedInt(descriptor.getShort(6));
    }

    long transactionId() {
      return descriptor.getLong(8);
    }

    /** The packet's bytes, descriptor first (a copy). */
    byte[] packet() {
      return packet.clone();
    }

    /** Where the next packet starts. */
    int next() {
      return next;
    }
  }

  private RingOracle() {}

  /** The {@link RingReader#read} result code of a verdict kind. */
  static int readerCode(Kind kind) {
    return switch (kind) {
      case PACKET -> RingReader.PACKET;
      case EMPTY -> RingReader.EMPTY;
      case CORRUPT -> RingReader.CORRUPT;
    };
  }

  /** Data-area size of a ring held in {@code ring} (control page first). */
  static int dataSize(ByteBuffer ring) {
    return ring.capacity() - CONTROL;
  }

  /** §1.4: an index is valid when it lies in the data area and is a multiple of 8. */
  static boolean validIndex(long index, int dataSize) {
    return index >= 0 && index < dataSize && index % 8 == 0;
  }

  /** An unsigned 32-bit control field. */
  static long control(ByteBuffer ring, int offset) {
    return Integer.toUnsignedLong(ring.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(offset));
  }

  /** The next read from {@code cursor} (a valid index) of the ring in {@code ring}. */
  static Verdict read(ByteBuffer ring, int cursor) {
    int dsize = dataSize(ring);
    long w = control(ring, 0);
    if (!validIndex(w, dsize)) {
      return Verdict.of(Kind.CORRUPT);
    }
    long avail = Math.floorMod(w - cursor, (long) dsize);
    if (avail == 0) {
      return Verdict.of(Kind.EMPTY);
    }
    if (avail < DESCRIPTOR) {
      return Verdict.of(Kind.CORRUPT);
    }
    byte[] descriptor = dataBytes(ring, cursor, DESCRIPTOR);
    ByteBuffer d = ByteBuffer.wrap(descriptor).order(ByteOrder.LITTLE_ENDIAN);
    int type = Short.toUnsignedInt(d.getShort(0));
    int offset8 = Short.toUnsignedInt(d.getShort(2));
    int len8 = Short.toUnsignedInt(d.getShort(4));
    int flags = Short.toUnsignedInt(d.getShort(6));
    long length = 8L * len8;
    boolean sound = length >= DESCRIPTOR
        && offset8 >= 2 && offset8 <= len8
        && length + TRAILER <= avail
        && (flags & ~1) == 0
        && (type == 6 || type == 7 || type == 9 || type == 0xB);
    if (!sound) {
      return Verdict.of(Kind.CORRUPT);
    }
    byte[] packet = dataBytes(ring, cursor, (int) length);
    int end = 8 * offset8;
    if ((type == 9 && gpaStatus(packet, end) != GpaDirect.VALID)
        || (type == 7 && !transferPagesFit(packet, end))) {
      return Verdict.of(Kind.CORRUPT);
    }
    long next = (cursor + length + TRAILER) % dsize;
    return new Verdict(Kind.PACKET, descriptor, packet, (int) next);
  }

  /**
   * §2.7 / §2.10 item 6, range by range in wire order: the first broken rule names the status.
   * {@code packet} holds the packet from its descriptor on; {@code end} is offset8 * 8.
   */
  static int gpaStatus(byte[] packet, int end) {
    ByteBuffer p = ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN);
    if (end < 24) {
      return GpaDirect.NO_HEADER;
    }
    long count = Integer.toUnsignedLong(p.getInt(20));
    if (count == 0) {
      return GpaDirect.NO_RANGES;
    }
    long at = 24;
    for (long i = 0; i < count; i++) {
      if (at + 8 > end) {
        return GpaDirect.RANGE_OUTSIDE;
      }
      long byteCount = Integer.toUnsignedLong(p.getInt((int) at));
      long byteOffset = Integer.toUnsignedLong(p.getInt((int) at + 4));
      if (byteOffset >= 4096) {
        return GpaDirect.BAD_BYTE_OFFSET;
      }
      long pages = (byteOffset + byteCount + 4095) / 4096;
      if (at + 8 + 8 * pages > end) {
        return GpaDirect.RANGE_OUTSIDE;
      }
      at += 8 + 8 * pages;
    }
    return GpaDirect.VALID;
  }

  /** §2.8: the 8-byte transfer-page header and its 8-byte ranges end within offset8 * 8. */
  static boolean transferPagesFit(byte[] packet, int end) {
    if (end < 24) {
      return false;
    }
    long count = Integer.toUnsignedLong(ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN)
        .getInt(20));
    return 24 + 8 * count <= end;
  }

  /**
   * §3.6: whether committing a read that moved the read index from {@code committed} to {@code
   * cursor} must signal the writer, from the ring's current feature bits, pending_send_sz and
   * write_index. A write index that is not valid never signals.
   */
  static boolean signalAfterCommit(ByteBuffer ring, int committed, int cursor) {
    int dsize = dataSize(ring);
    if (cursor == committed || (control(ring, 64) & 1) == 0) {
      return false;
    }
    long pending = control(ring, 12) & ~7L;
    long w = control(ring, 0);
    if (pending == 0 || !validIndex(w, dsize)) {
      return false;
    }
    long bytesRead = Math.floorMod((long) cursor - committed, (long) dsize);
    long freeNow = w >= cursor ? dsize - (w - cursor) : cursor - w;
    long freeBefore = freeNow - bytesRead;
    return freeBefore <= pending && pending < freeNow;
  }

  /** {@code length} bytes of the data area from {@code at}, wrapping at its end (§1.4). */
  static byte[] dataBytes(ByteBuffer ring, int at, int length) {
    int dsize = dataSize(ring);
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = ring.get(CONTROL + (int) ((at + (long) i) % dsize));
    }
    return out;
  }
}
