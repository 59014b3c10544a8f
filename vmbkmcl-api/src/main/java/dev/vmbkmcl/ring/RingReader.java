package dev.vmbkmcl.ring;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * The consumer side of one ring as a pure state machine (reference §3.5–§3.7; the kernel's {@code
 * hv_pkt_iter_first/next/close}): it reads packets and says whether the writer must be signalled,
 * but never signals, blocks or locks. Single reader: the caller serialises calls.
 *
 * <p>Every packet is copied into a private buffer first and validated there (§2.10). A ring that
 * breaks the format makes the reader corrupt for good ({@link #CORRUPT}, with a reason): it never
 * reads outside the ring, throws on peer data or loops. Its own {@code read_index} is cached
 * privately; the peer's {@code write_index} is loaded fresh and validated on every use. No
 * allocation after construction.
 */
public final class RingReader {
  /** A packet was read into the view. */
  public static final int PACKET = 0;
  /** No packet is available. */
  public static final int EMPTY = 1;
  /** The ring broke the format; see {@link #corruption()}. */
  public static final int CORRUPT = 2;

  /** Private copy size, 2^19: holds the largest packet a 16-bit {@code len8} can express. */
  private static final int MAX_COPY = 524_288;

  private final Ring ring;
  private final ByteBuffer privateCopy;
  /** Start of the next packet to read. */
  private int cursor;
  /** The read_index we stored last. */
  private int committed;
  /** Where the packet the last read returned starts; -1 when there is none to put back. */
  private int lastStart = -1;
  private @Nullable String corruption;

  /**
   * A reader for {@code ring}, starting at its current {@code read_index}. Allocates its private
   * copy buffer of {@code min(dsize, 524288)} bytes once.
   */
  public RingReader(Ring ring) {
    this.ring = ring;
    this.privateCopy = ByteBuffer.allocate(Math.min(ring.dataSize(), MAX_COPY));
    // Our own index, read once: from here on the private cursor is the truth (§3.5 step 3).
    int r = ring.getVolatile(RingControlLayout.READ_INDEX);
    if (!ring.validIndex(r)) {
      corruption = "read_index " + r + " is outside the data area of " + ring.dataSize()
          + " bytes or not a multiple of 8";
      r = 0;
    }
    cursor = r;
    committed = r;
  }

  /** Where the next packet starts: the {@code read_index} once everything read is committed. */
  public int cursor() {
    return cursor;
  }

  /**
   * Reads the next packet into {@code into} (§3.5 step 3), copying it out of the ring before
   * parsing and validating the copy (§2.10). Advances a private cursor; {@code read_index} is
   * stored by {@link #commit()}. The view's buffer is this reader's copy: its position, limit and
   * byte order are reset by every read.
   *
   * @return {@link #PACKET}, {@link #EMPTY} or {@link #CORRUPT} (sticky)
   */
  public int read(IncomingPacket into) {
    return read(into, null);
  }

  /**
   * As {@link #read(IncomingPacket)}, copying the packet into {@code target} instead of this
   * reader's private buffer when it is large enough for the whole packet, so that a consumer that
   * keeps the packet needs no second copy. The packet is still copied out of the ring before it is
   * parsed and validated, each byte fetched from shared memory once, and parsed only in the copy
   * (§2.10 item 7). When {@code target} is too small the private buffer is used (the descriptor
   * already in {@code target} is moved over, not fetched again); {@link IncomingPacket#buffer()}
   * says which one holds the packet. {@code target}'s position, limit and byte order are reset.
   *
   * @param into the view to fill
   * @param target where to copy the packet, or null for the private buffer
   * @return {@link #PACKET}, {@link #EMPTY} or {@link #CORRUPT} (sticky)
   */
  public int read(IncomingPacket into, @Nullable ByteBuffer target) {
    if (corruption != null) {
      return CORRUPT;
    }
    int avail = available();
    if (avail <= 0) {
      return avail == 0 ? EMPTY : CORRUPT;
    }
    // §2.10 item 2: every packet and its trailer take at least 24 bytes, so less is a torn write.
    if (avail < PacketLayout.DESCRIPTOR_SIZE) {
      return corrupt("only " + avail + " bytes published, less than a packet descriptor");
    }
    ByteBuffer copy = target != null && target.capacity() >= PacketLayout.DESCRIPTOR_SIZE
        ? target : privateCopy;
    copy.clear().order(ByteOrder.LITTLE_ENDIAN);
    ring.copyOut(cursor, copy, 0, PacketLayout.DESCRIPTOR_SIZE);
    int type = Short.toUnsignedInt(copy.getShort(PacketLayout.TYPE));
    int offset8 = Short.toUnsignedInt(copy.getShort(PacketLayout.OFFSET8));
    int len8 = Short.toUnsignedInt(copy.getShort(PacketLayout.LEN8));
    int flags = Short.toUnsignedInt(copy.getShort(PacketLayout.FLAGS));
    int length = len8 * 8;
    // §2.10 item 3.
    if (length < PacketLayout.DESCRIPTOR_SIZE) {
      return corrupt("len8 " + len8 + " is shorter than the 16-byte descriptor");
    }
    if (offset8 < 2 || offset8 > len8) {
      return corrupt("offset8 " + offset8 + " is not in [2, len8 = " + len8 + "]");
    }
    // §2.10 item 4: the packet and its trailer must be published in full.
    if (length + PacketLayout.TRAILER_SIZE > avail) {
      return corrupt("packet of " + length + " bytes plus its trailer exceeds the " + avail
          + " bytes published");
    }
    // §2.10 item 5.
    if ((flags & ~PacketLayout.FLAG_COMPLETION_REQUESTED) != 0) {
      return corrupt("flags 0x" + Integer.toHexString(flags) + " has bits other than 0x1");
    }
    if (type != PacketLayout.TYPE_INBAND && type != PacketLayout.TYPE_TRANSFER_PAGES
        && type != PacketLayout.TYPE_GPA_DIRECT && type != PacketLayout.TYPE_COMPLETION) {
      return corrupt("packet type 0x" + Integer.toHexString(type) + " is not 6, 7, 9 or 0xb");
    }
    if (copy.capacity() < length) {
      // The target is too small: the private buffer (it fits every packet) takes the descriptor
      // from the target, so no byte is fetched from the ring twice.
      ByteBuffer own = privateCopy;
      own.clear().order(ByteOrder.LITTLE_ENDIAN);
      own.put(0, copy, 0, PacketLayout.DESCRIPTOR_SIZE);
      copy = own;
    }
    // §2.10 item 7: copy the whole packet once and parse only the copy. It fits: length is below
    // dsize (checked against avail) and at most 524280 (16-bit len8).
    ring.copyOut(ring.advance(cursor, PacketLayout.DESCRIPTOR_SIZE), copy,
        PacketLayout.DESCRIPTOR_SIZE, length - PacketLayout.DESCRIPTOR_SIZE);
    copy.limit(length);
    if (!typeHeaderFits(copy, type, offset8 * 8)) {
      return CORRUPT;
    }
    into.copy = copy;
    into.type = type;
    into.offset8 = offset8;
    into.len8 = len8;
    into.flags = flags;
    into.transactionId = copy.getLong(PacketLayout.TRANSACTION_ID);
    lastStart = cursor;
    cursor = ring.advance(cursor, length + PacketLayout.TRAILER_SIZE);
    return PACKET;
  }

  /** §2.10 item 6 (GPA direct, §2.7) and the transfer-page header (§2.8) inside [16, end). */
  private boolean typeHeaderFits(ByteBuffer copy, int type, int end) {
    if (type == PacketLayout.TYPE_GPA_DIRECT) {
      int status = GpaDirect.decode(copy, end, null);
      if (status != GpaDirect.VALID) {
        corrupt("GPA-direct header: " + GpaDirect.describe(status) + " (range_count "
            + (end >= GpaDirect.FIRST_RANGE
                ? Integer.toUnsignedString(copy.getInt(GpaDirect.RANGE_COUNT)) : "missing")
            + ", offset8*8 = " + end + ")");
        return false;
      }
    } else if (type == PacketLayout.TYPE_TRANSFER_PAGES) {
      if (end < TransferPages.FIRST_RANGE) {
        corrupt("transfer-page packet without its 8-byte header (offset8*8 = " + end + ")");
        return false;
      }
      long count = Integer.toUnsignedLong(copy.getInt(TransferPages.RANGE_COUNT));
      if (TransferPages.FIRST_RANGE + TransferPages.RANGE_SIZE * count > end) {
        corrupt("transfer-page range_count " + count + " runs past offset8*8 = " + end);
        return false;
      }
    }
    return true;
  }

  /**
   * Stores {@code read_index} for everything read so far (§3.5 step 4), then applies §3.6 with the
   * bytes read since the last commit.
   *
   * @return true iff the writer must be signalled: this ring's feature bit 0 is set and the free
   *     space crossed {@code pending_send_sz} ({@code old_free <= pending < new_free})
   */
  public boolean commit() {
    if (corruption != null || cursor == committed) {
      return false;
    }
    int bytesRead = ring.used(cursor, committed);
    // §3.5 step 4: release, our loads of packet data complete before the space is handed back.
    ring.setRelease(RingControlLayout.READ_INDEX, cursor);
    committed = cursor;
    lastStart = -1;
    // §3.6 step 1: without the feature bit the writer polls and never waits for us.
    if ((ring.getVolatile(RingControlLayout.FEATURE_BITS)
        & RingControlLayout.FEATURE_PENDING_SEND_SIZE) == 0) {
      return false;
    }
    // §3.6 step 2: full fence, the read_index store is visible before pending_send_sz is loaded.
    VarHandle.fullFence();
    // §3.6 step 3 (low 3 bits ignored, §3.4: some writers store "ring size - 1").
    int pending = ring.getVolatile(RingControlLayout.PENDING_SEND_SIZE) & ~7;
    if (pending == 0) {
      return false;
    }
    int w = freshWriteIndex();
    if (w < 0) {
      return false;
    }
    long freeNow = ring.free(w, cursor);
    long freeBefore = freeNow - bytesRead;
    // §3.6 steps 5-7: signal only on the full to not-full transition.
    return freeBefore <= Integer.toUnsignedLong(pending)
        && Integer.toUnsignedLong(pending) < freeNow;
  }

  /**
   * Puts back the packet the last {@link #read} returned, so the next read returns it again: the
   * consumer could not take it now (back-pressure) and it stays in the ring. Only the last packet,
   * once, and only before a {@link #commit} covered it.
   *
   * @return true when a packet was put back
   */
  public boolean unread() {
    if (lastStart < 0 || corruption != null) {
      return false;
    }
    cursor = lastStart;
    lastStart = -1;
    return true;
  }

  /** This reader's position: the read_index it will store at the next {@link #commit}. */
  public int position() {
    return cursor;
  }

  /** §3.7 step 1: {@code interrupt_mask = 1}, then a full fence, while draining. */
  public void maskInterrupts() {
    // §3.7 step 1: mask store, then a full fence.
    ring.setVolatile(RingControlLayout.INTERRUPT_MASK, 1);
    VarHandle.fullFence();
  }

  /**
   * §3.7 step 2: {@code interrupt_mask = 0}, full fence, then re-reads {@code write_index}.
   *
   * @return true iff the ring is empty, so it is safe to block waiting for a signal; false when
   *     packets arrived (keep draining) or the ring is corrupt ({@link #read} reports it)
   */
  public boolean unmaskAndCheckEmpty() {
    // §3.7 step 2: unmask, then a full fence: the unmask is visible before write_index is re-read.
    ring.setVolatile(RingControlLayout.INTERRUPT_MASK, 0);
    VarHandle.fullFence();
    return isEmpty();
  }

  /** True iff the ring is sound and no bytes are published beyond what this reader has read. */
  public boolean isEmpty() {
    return corruption == null && available() == 0;
  }

  /** Bytes published beyond what this reader has read; 0 when the ring is corrupt. */
  public int bytesAvailable() {
    return corruption == null ? Math.max(0, available()) : 0;
  }

  /** True once the ring broke the format; every later read returns {@link #CORRUPT}. */
  public boolean isCorrupt() {
    return corruption != null;
  }

  /** Why the reader stopped, or null. */
  public @Nullable String corruption() {
    return corruption;
  }

  /** {@code avail_to_read(w, cursor)} with a fresh, validated write_index; -1 if invalid. */
  private int available() {
    int w = freshWriteIndex();
    return w < 0 ? -1 : ring.used(w, cursor);
  }

  /** §3.5 step 2 and §2.10 item 1: acquire-load of the peer's index, validated; -1 if invalid. */
  private int freshWriteIndex() {
    // Acquire: the packet bytes written before the index are visible after it.
    int w = ring.getAcquire(RingControlLayout.WRITE_INDEX);
    if (ring.validIndex(w)) {
      return w;
    }
    corrupt("write_index " + w + " is outside the data area of " + ring.dataSize()
        + " bytes or not a multiple of 8");
    return -1;
  }

  private int corrupt(String reason) {
    corruption = reason;
    return CORRUPT;
  }
}
