package dev.vmbkmcl.ring;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The producer side of one ring as a pure state machine (reference §3.2–§3.4; the kernel's {@code
 * hv_ringbuffer_write}): it writes packets and says whether the reader must be signalled, but never
 * signals, blocks or locks. Single writer: the caller serialises calls.
 *
 * <p>Its own {@code write_index} is cached at construction and never re-read from shared memory;
 * the peer's {@code read_index} is loaded fresh and validated on every use. A bad peer index makes
 * the writer corrupt for good ({@link #CORRUPT}); it never throws on peer data. No allocation after
 * construction.
 */
public final class RingWriter {
  /** Written and published; no signal needed. */
  public static final int WRITTEN = 0;
  /** Written and published; the reader must be signalled (§3.3). */
  public static final int WRITTEN_SIGNAL = 1;
  /** Does not fit now (§3.2 step 3); nothing was written. See {@link #requestSpace}. */
  public static final int FULL = 2;
  /** Can never fit in this ring or in a 16-bit {@code len8}; nothing was written. */
  public static final int TOO_LARGE = 3;
  /** The ring's indices are invalid; nothing was written. See {@link #corruption()}. */
  public static final int CORRUPT = 4;
  /** Appended but not yet published ({@link #publish}). */
  public static final int APPENDED = 5;

  private final Ring ring;
  /** Our write_index as last published. */
  private int published;
  /** End of the packets appended since the last publish. */
  private int tail;
  private boolean spaceRequested;
  private @Nullable String corruption;

  /** The {@code write_index} as last published: where the next packet goes once published. */
  public int publishedIndex() {
    return published;
  }

  /** A writer for {@code ring}, continuing at the ring's current {@code write_index}. */
  public RingWriter(Ring ring) {
    this.ring = ring;
    // Our own index, read once: from here on the private copy is the truth (§3.2 step 2).
    int w = ring.getVolatile(RingControlLayout.WRITE_INDEX);
    if (!ring.validIndex(w)) {
      corruption = "write_index " + w + " is outside the data area of " + ring.dataSize()
          + " bytes or not a multiple of 8";
      w = 0;
    }
    this.published = w;
    this.tail = w;
  }

  /**
   * Appends and publishes one packet ({@link #append} then {@link #publish}).
   *
   * @return {@link #WRITTEN}, {@link #WRITTEN_SIGNAL}, {@link #FULL}, {@link #TOO_LARGE} or {@link
   *     #CORRUPT}
   */
  public int write(int type, int flags, long transactionId, @Nullable ByteBuffer typeHeader,
      @Nullable ByteBuffer payload) {
    int rc = append(type, flags, transactionId, typeHeader, payload);
    return rc == APPENDED ? publishedResult() : rc;
  }

  /**
   * As {@link #write(int, int, long, ByteBuffer, ByteBuffer)} with the payload given as bytes
   * [payloadOffset, payloadOffset + payloadLength) of {@code payload} ({@link #append(int, int,
   * long, ByteBuffer, ByteBuffer, int, int)}), so a caller never needs a view of a shared buffer.
   */
  public int write(int type, int flags, long transactionId, @Nullable ByteBuffer typeHeader,
      @Nullable ByteBuffer payload, int payloadOffset, int payloadLength) {
    int rc = append(type, flags, transactionId, typeHeader, payload, payloadOffset, payloadLength);
    return rc == APPENDED ? publishedResult() : rc;
  }

  private int publishedResult() {
    return publish() ? WRITTEN_SIGNAL : WRITTEN;
  }

  /**
   * Appends one packet (§3.2 steps 1–5) without publishing it: descriptor, the type header's
   * bytes [position, limit), the payload's bytes [position, limit), zero padding to 8 bytes and
   * the trailer {@code (u64) start << 32}. Either buffer may be null (empty); their positions do
   * not change.
   *
   * @return {@link #APPENDED}, {@link #FULL} ({@code free <= total}), {@link #TOO_LARGE} ({@code
   *     total >= dsize} or {@code len8} over 16 bits) or {@link #CORRUPT}
   * @throws IllegalArgumentException if {@code type} or {@code flags} is not a u16, or the type
   *     header is not a multiple of 8 bytes (§2.2)
   */
  public int append(int type, int flags, long transactionId, @Nullable ByteBuffer typeHeader,
      @Nullable ByteBuffer payload) {
    return payload == null
        ? append(type, flags, transactionId, typeHeader, null, 0, 0)
        : append(type, flags, transactionId, typeHeader, payload, payload.position(),
            payload.remaining());
  }

  /**
   * As {@link #append(int, int, long, ByteBuffer, ByteBuffer)}, with the payload given as bytes
   * [payloadOffset, payloadOffset + payloadLength) of {@code payload}, whatever its position and
   * limit. Reads the buffer with absolute gets only, so several threads may pass the same buffer.
   *
   * @throws IllegalArgumentException as the other overload, or if {@code payload} is null and
   *     {@code payloadLength} is not 0
   * @throws IndexOutOfBoundsException if the range is not inside [0, limit) of {@code payload}
   */
  public int append(int type, int flags, long transactionId, @Nullable ByteBuffer typeHeader,
      @Nullable ByteBuffer payload, int payloadOffset, int payloadLength) {
    int headerBytes = typeHeader == null ? 0 : typeHeader.remaining();
    if ((type & ~0xFFFF) != 0 || (flags & ~0xFFFF) != 0 || headerBytes % 8 != 0) {
      throw new IllegalArgumentException("RingWriter.append: type " + type + " and flags " + flags
          + " must be u16 and the type header (" + headerBytes + " bytes) a multiple of 8");
    }
    if (payload == null) {
      if (payloadLength != 0) {
        throw new IllegalArgumentException(
            "RingWriter.append: " + payloadLength + " payload bytes without a payload buffer");
      }
    } else {
      Objects.checkFromIndexSize(payloadOffset, payloadLength, payload.limit());
    }
    if (corruption != null) {
      return CORRUPT;
    }
    long raw = (long) PacketLayout.DESCRIPTOR_SIZE + headerBytes + payloadLength;
    long length = (raw + 7) & ~7L;
    if (length > PacketLayout.MAX_PACKET_BYTES
        || length + PacketLayout.TRAILER_SIZE >= ring.dataSize()) {
      return TOO_LARGE;
    }
    int total = (int) length + PacketLayout.TRAILER_SIZE;
    int r = peerReadIndex();
    if (r < 0) {
      return CORRUPT;
    }
    // §3.2 step 3: equality is full too, or the ring would look empty afterwards.
    if (ring.free(tail, r) <= total) {
      return FULL;
    }
    int start = tail;
    // The descriptor as two little-endian 64-bit words (§2.1: type, offset8, len8, flags, then
    // the transaction id): every index is a multiple of 8 and so is dsize, so a word never
    // straddles the end of the data area, and the bytes are exactly those of the field-wise form.
    long word0 = (type & 0xFFFFL)
        | (((PacketLayout.DESCRIPTOR_SIZE + headerBytes) / 8L) & 0xFFFFL) << 16
        | ((length / 8) & 0xFFFFL) << 32
        | (flags & 0xFFFFL) << 48;
    ring.putWord(start, word0);
    ring.putWord(ring.advance(start, 8), transactionId);
    int at = ring.advance(start, PacketLayout.DESCRIPTOR_SIZE);
    if (typeHeader != null && headerBytes > 0) {
      ring.copyIn(at, typeHeader, typeHeader.position(), headerBytes);
      at = ring.advance(at, headerBytes);
    }
    if (payload != null && payloadLength > 0) {
      ring.copyIn(at, payload, payloadOffset, payloadLength);
      at = ring.advance(at, payloadLength);
    }
    int padding = (int) (length - raw);
    ring.zero(at, padding);
    at = ring.advance(at, padding);
    // §2.3: the trailer's upper 32 bits are the packet's start offset; one aligned word.
    ring.putWord(at, (long) start << 32);
    tail = ring.advance(at, PacketLayout.TRAILER_SIZE);
    return APPENDED;
  }

  /**
   * Publishes everything appended since the last publish (§3.2 steps 6–7) and decides on the
   * signal (§3.3) with the {@code w0} from before the batch: true iff the reader's {@code
   * interrupt_mask} is 0 and it had consumed everything up to {@code w0} (empty to non-empty).
   */
  public boolean publish() {
    if (tail == published) {
      return false;
    }
    int w0 = published;
    // §3.2 steps 6-7: release store, every packet byte is visible before the new index.
    ring.setRelease(RingControlLayout.WRITE_INDEX, tail);
    published = tail;
    // §3.3 step 1: full fence, the index store must not pass the loads below.
    VarHandle.fullFence();
    // §3.3 step 2: a masked reader does not want an interrupt.
    if (ring.getVolatile(RingControlLayout.INTERRUPT_MASK) != 0) {
      return false;
    }
    // §3.3 steps 3-4: signal only if the reader had caught up with w0 (a bad index never does).
    return ring.getAcquire(RingControlLayout.READ_INDEX) == w0;
  }

  /** Drops the packets appended since the last publish (reverts a half-written batch). */
  public void abandon() {
    tail = published;
  }

  /**
   * §3.4: stores {@code pending_send_sz = ringBytes}, issues a full fence and re-checks the free
   * space, because the reader may have freed space before it could see the request.
   *
   * @param ringBytes ring bytes the waiting packet needs, trailer included ({@link
   *     PacketLayout#ringBytes})
   * @return true if the packet now fits (retry at once), also when the ring turned out corrupt (the
   *     retry reports {@link #CORRUPT}); false if the caller must wait for the reader's signal
   * @throws IllegalArgumentException if {@code ringBytes} is not positive
   */
  public boolean requestSpace(int ringBytes) {
    if (ringBytes <= 0) {
      throw new IllegalArgumentException("RingWriter.requestSpace: ringBytes " + ringBytes);
    }
    if (corruption != null) {
      return true;
    }
    // §3.4: publish the request...
    ring.setVolatile(RingControlLayout.PENDING_SEND_SIZE, ringBytes);
    spaceRequested = true;
    // ...and a full fence, so it is visible before read_index is re-read.
    VarHandle.fullFence();
    int r = peerReadIndex();
    return r < 0 || ring.free(tail, r) > ringBytes;
  }

  /** Stores {@code pending_send_sz = 0} after a successful write that requested space (§3.4). */
  public void clearSpaceRequest() {
    if (spaceRequested) {
      // §3.4: release, the cleared request follows the packet that satisfied it.
      ring.setRelease(RingControlLayout.PENDING_SEND_SIZE, 0);
      spaceRequested = false;
    }
  }

  /**
   * This writer's published write_index.
   *
   * @return the write_index as last published
   */
  public int writeIndex() {
    return published;
  }

  /**
   * The ring's data area, for reporting what was written.
   *
   * @return a view sharing the ring's memory, indexed from the data area's first byte
   */
  public ByteBuffer dataArea() {
    return ring.dataArea();
  }

  /** §3.1 {@code free(w, r)} from our write position and a fresh read_index; 0 if corrupt. */
  public int freeBytes() {
    if (corruption != null) {
      return 0;
    }
    int r = peerReadIndex();
    return r < 0 ? 0 : ring.free(tail, r);
  }

  /** True once the ring's indices were found invalid; every later append returns CORRUPT. */
  public boolean isCorrupt() {
    return corruption != null;
  }

  /** Why the writer stopped, or null. */
  public @Nullable String corruption() {
    return corruption;
  }

  /** §3.2 step 2: a fresh, single 32-bit load of the peer's index, validated; -1 when invalid. */
  private int peerReadIndex() {
    // Acquire: our later data stores cannot overtake the load that told us the space is free.
    int r = ring.getAcquire(RingControlLayout.READ_INDEX);
    if (ring.validIndex(r)) {
      return r;
    }
    corruption = "read_index " + r + " is outside the data area of " + ring.dataSize()
        + " bytes or not a multiple of 8";
    return -1;
  }
}
