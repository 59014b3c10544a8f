package dev.vmbkmcl.ring;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * The consumer side of one ring as a pure state machine (reference §3.5–§3.7). Every packet is
 * copied into a private buffer first and validated there (§2.10): a ring that breaks the format
 * makes the reader corrupt for good, and it never reads outside the ring, throws or loops. Its own
 * {@code read_index} is cached privately; the peer's {@code write_index} is validated on every read.
 */
public final class RingReader {
  /** A packet was read into the view. */
  public static final int PACKET = 0;
  /** No complete packet is available. */
  public static final int EMPTY = 1;
  /** The ring broke the format; see {@link #corruption()}. */
  public static final int CORRUPT = 2;

  private static final int MAX_COPY = 524_288;

  private final Ring ring;
  private final ByteBuffer copy;
  private int cursor;
  private int committed;
  private @Nullable String corruption;

  /** A reader for {@code ring}, starting at its current {@code read_index}. */
  public RingReader(Ring ring) {
    this.ring = ring;
    this.copy = ByteBuffer.allocate(Math.min(ring.dataSize(), MAX_COPY)).order(ByteOrder.LITTLE_ENDIAN);
    int r = ring.getVolatile(RingControlLayout.READ_INDEX);
    if (ring.validIndex(r)) {
      cursor = r;
    } else {
      corruption = "read_index " + r + " is outside the data area or not a multiple of 8";
    }
    committed = cursor;
  }

  /**
   * Reads the next packet into {@code into}, advancing a private cursor; {@code read_index} is not
   * stored until {@link #commit()}.
   */
  public int read(IncomingPacket into) {
    if (corruption != null) {
      return CORRUPT;
    }
    // §3.5 step 2: acquire, so the packet bytes written before the index are visible.
    int w = ring.getAcquire(RingControlLayout.WRITE_INDEX);
    if (!ring.validIndex(w)) {
      return corrupt("write_index " + w + " is outside the data area or not a multiple of 8");
    }
    int avail = w >= cursor ? w - cursor : ring.dataSize() - cursor + w;
    if (avail < PacketLayout.DESCRIPTOR_SIZE) {
      return EMPTY;
    }
    ring.copyOut(cursor, copy, 0, PacketLayout.DESCRIPTOR_SIZE);
    int type = Short.toUnsignedInt(copy.getShort(PacketLayout.TYPE));
    int offset8 = Short.toUnsignedInt(copy.getShort(PacketLayout.OFFSET8));
    int len8 = Short.toUnsignedInt(copy.getShort(PacketLayout.LEN8));
    int flags = Short.toUnsignedInt(copy.getShort(PacketLayout.FLAGS));
    int length = len8 * 8;
    if (length < PacketLayout.DESCRIPTOR_SIZE) {
      return corrupt("len8 " + len8 + " is shorter than the descriptor");
    }
    if (offset8 < 2 || offset8 > len8) {
      return corrupt("offset8 " + offset8 + " is not in [2, len8 " + len8 + "]");
    }
    if ((long) length + PacketLayout.TRAILER_SIZE > avail) {
      return corrupt("packet of " + length + " bytes plus trailer exceeds the " + avail
          + " bytes published");
    }
    if (length > copy.capacity()) {
      return corrupt("packet of " + length + " bytes exceeds the largest packet this ring can hold");
    }
    if ((flags & ~PacketLayout.FLAG_COMPLETION_REQUESTED) != 0) {
      return corrupt("flags 0x" + Integer.toHexString(flags) + " has bits other than 0x1");
    }
    if (type != PacketLayout.TYPE_INBAND && type != PacketLayout.TYPE_TRANSFER_PAGES
        && type != PacketLayout.TYPE_GPA_DIRECT && type != PacketLayout.TYPE_COMPLETION) {
      return corrupt("unknown packet type " + type);
    }
    // §2.10 item 7: copy the whole packet once, then parse only the copy.
    ring.copyOut(ring.advance(cursor, PacketLayout.DESCRIPTOR_SIZE), copy,
        PacketLayout.DESCRIPTOR_SIZE, length - PacketLayout.DESCRIPTOR_SIZE);
    String headerProblem = checkTypeHeader(type, offset8 * 8);
    if (headerProblem != null) {
      return corrupt(headerProblem);
    }
    into.copy = copy;
    into.type = type;
    into.offset8 = offset8;
    into.len8 = len8;
    into.flags = flags;
    into.transactionId = copy.getLong(PacketLayout.TRANSACTION_ID);
    cursor = ring.advance(cursor, length + PacketLayout.TRAILER_SIZE);
    return PACKET;
  }

  /** Validates the GPA-direct (§2.7) or transfer-page (§2.8) header inside {@code [16, end)}. */
  private @Nullable String checkTypeHeader(int type, int end) {
    if (type == PacketLayout.TYPE_GPA_DIRECT) {
      return GpaDirect.validate(copy, end);
    }
    if (type == PacketLayout.TYPE_TRANSFER_PAGES) {
      if (end < 24) {
        return "transfer-page packet without its 8-byte header";
      }
      long count = Integer.toUnsignedLong(copy.getInt(20));
      if (24 + 8 * count > end) {
        return "transfer-page range count " + count + " does not fit in offset8*8 = " + end;
      }
    }
    return null;
  }

  private int corrupt(String reason) {
    corruption = reason;
    return CORRUPT;
  }

  /**
   * Stores {@code read_index} for everything read so far (release), then applies §3.6: true iff the
   * writer must be signalled because the free space crossed its {@code pending_send_sz}.
   */
  public boolean commit() {
    if (corruption != null || cursor == committed) {
      return false;
    }
    int before = committed;
    // §3.5 step 4: release, so our loads of packet data complete before the space is freed.
    ring.setRelease(RingControlLayout.READ_INDEX, cursor);
    committed = cursor;
    if ((ring.getVolatile(RingControlLayout.FEATURE_BITS)
        & RingControlLayout.FEATURE_PENDING_SEND_SIZE) == 0) {
      return false; // §3.6 step 1: an old writer that polls
    }
    // §3.6 step 2: full fence between the index store and the pending_send_sz load.
    java.lang.invoke.VarHandle.fullFence();
    int pending = ring.getVolatile(RingControlLayout.PENDING_SEND_SIZE) & ~7;
    if (pending == 0) {
      return false;
    }
    int w = ring.getAcquire(RingControlLayout.WRITE_INDEX);
    if (!ring.validIndex(w)) {
      corruption = "write_index " + w + " is outside the data area or not a multiple of 8";
      return false;
    }
    int bytesRead = cursor >= before ? cursor - before : ring.dataSize() - before + cursor;
    long freeNow = ring.free(w, cursor);
    long freeBefore = freeNow - bytesRead;
    // §3.6 steps 5-7: signal on the full to not-full transition only.
    return freeBefore <= pending && pending < freeNow;
  }

  /** §3.7 step 1: {@code interrupt_mask = 1}, with a full fence. */
  public void maskInterrupts() {
    ring.setVolatile(RingControlLayout.INTERRUPT_MASK, 1);
  }

  /**
   * §3.7 step 2: {@code interrupt_mask = 0}, full fence, re-read {@code write_index}. True iff the
   * ring is empty, so it is safe to block waiting for a signal.
   */
  public boolean unmaskAndCheckEmpty() {
    // Volatile store then volatile load: the store is not reordered after the load.
    ring.setVolatile(RingControlLayout.INTERRUPT_MASK, 0);
    return isEmpty();
  }

  /** True when no bytes are published beyond the private cursor (or the ring is corrupt). */
  public boolean isEmpty() {
    return bytesAvailable() == 0;
  }

  /** Bytes published beyond the private cursor; 0 when the write index is invalid. */
  public int bytesAvailable() {
    int w = ring.getVolatile(RingControlLayout.WRITE_INDEX);
    if (corruption != null || !ring.validIndex(w)) {
      return 0;
    }
    return w >= cursor ? w - cursor : ring.dataSize() - cursor + w;
  }

  /** True once the ring broke the format; every later read returns {@link #CORRUPT}. */
  public boolean isCorrupt() {
    return corruption != null;
  }

  /** Why the reader stopped, or null. */
  public @Nullable String corruption() {
    return corruption;
  }
}
