package dev.vmbkmcl.ring;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * The producer side of one ring as a pure state machine (reference §3.2–§3.4): it writes packets and
 * says whether the reader must be signalled, but never signals itself. Single writer: the caller
 * serialises calls. Its own {@code write_index} is cached privately and never re-read from shared
 * memory; the peer's {@code read_index} is validated on every read. No allocation after construction.
 */
public final class RingWriter {
  /** Written and published; no signal needed. */
  public static final int WRITTEN = 0;
  /** Written and published; the reader must be signalled (§3.3). */
  public static final int WRITTEN_SIGNAL = 1;
  /** Does not fit now (§3.2 step 3); nothing was written. */
  public static final int FULL = 2;
  /** Can never fit in this ring or in {@code len8}; nothing was written. */
  public static final int TOO_LARGE = 3;
  /** The peer's {@code read_index} is invalid; nothing was written. */
  public static final int CORRUPT = 4;
  /** Appended but not yet published. */
  public static final int APPENDED = 5;

  private final Ring ring;
  private final ByteBuffer descriptor = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
  private final ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
  private int published;
  private int tail;
  private @Nullable String corruption;

  /** A writer for {@code ring}, starting at the ring's current {@code write_index}. */
  public RingWriter(Ring ring) {
    this.ring = ring;
    int w = ring.getVolatile(RingControlLayout.WRITE_INDEX);
    this.published = ring.validIndex(w) ? w : 0;
    this.tail = published;
  }

  /** Appends and publishes one packet: {@link #append} then {@link #publish}. */
  public int write(int type, int flags, long transactionId, @Nullable ByteBuffer typeHeader,
      @Nullable ByteBuffer payload) {
    int rc = append(type, flags, transactionId, typeHeader, payload);
    if (rc != APPENDED) {
      return rc;
    }
    return publish() ? WRITTEN_SIGNAL : WRITTEN;
  }

  /**
   * Appends one packet without publishing it. Header and payload are the bytes [position, limit) of
   * each buffer (null = none); positions are not changed. Zero padding and the trailer are written.
   */
  public int append(int type, int flags, long transactionId, @Nullable ByteBuffer typeHeader,
      @Nullable ByteBuffer payload) {
    if (corruption != null) {
      return CORRUPT;
    }
    int headerBytes = typeHeader == null ? 0 : typeHeader.remaining();
    int payloadBytes = payload == null ? 0 : payload.remaining();
    long raw = 16L + headerBytes + payloadBytes;
    long packetLength = (raw + 7) & ~7L;
    long total = packetLength + PacketLayout.TRAILER_SIZE;
    if (packetLength > PacketLayout.MAX_PACKET_BYTES || total >= ring.dataSize()
        || headerBytes % 8 != 0) {
      return TOO_LARGE;
    }
    // §3.2 step 2: a fresh, single 32-bit load of the peer's read_index.
    int r = ring.getAcquire(RingControlLayout.READ_INDEX);
    if (!ring.validIndex(r)) {
      corruption = "read_index " + r + " is outside the data area or not a multiple of 8";
      return CORRUPT;
    }
    // Full when the packet would not leave the one slot that must stay empty (§3.2 step 3).
    if (ring.free(tail, r) <= total) {
      return FULL;
    }
    int start = tail;
    descriptor.clear();
    descriptor.putShort((short) type).putShort((short) ((16 + headerBytes) / 8))
        .putShort((short) (packetLength / 8)).putShort((short) flags).putLong(transactionId);
    int at = start;
    ring.copyIn(at, descriptor, 0, 16);
    at = ring.advance(at, 16);
    if (typeHeader != null && headerBytes > 0) {
      ring.copyIn(at, typeHeader, typeHeader.position(), headerBytes);
      at = ring.advance(at, headerBytes);
    }
    if (payload != null && payloadBytes > 0) {
      ring.copyIn(at, payload, payload.position(), payloadBytes);
      at = ring.advance(at, payloadBytes);
    }
    int padding = (int) (packetLength - raw);
    if (padding > 0) {
      ring.zero(at, padding);
      at = ring.advance(at, padding);
    }
    // Trailer: u64 whose upper 32 bits are the packet's start offset (§2.3).
    trailer.clear();
    trailer.putInt(0, 0).putInt(4, start);
    ring.copyIn(at, trailer, 0, 8);
    tail = ring.advance(at, 8);
    return APPENDED;
  }

  /**
   * Publishes everything appended since the last publish and says whether the reader must be
   * signalled: only if its {@code interrupt_mask} is 0 and it had consumed everything before this
   * batch (empty to non-empty, §3.3).
   */
  public boolean publish() {
    if (tail == published) {
      return false;
    }
    int w0 = published;
    // §3.2 steps 6-7: release store, so every packet byte is visible before the new index.
    ring.setRelease(RingControlLayout.WRITE_INDEX, tail);
    published = tail;
    // §3.3 step 1: full fence, the index store must not pass the loads below.
    java.lang.invoke.VarHandle.fullFence();
    if (ring.getVolatile(RingControlLayout.INTERRUPT_MASK) != 0) {
      return false;
    }
    // §3.3 steps 3-4: signal only when the reader had caught up with the old write index.
    return ring.getAcquire(RingControlLayout.READ_INDEX) == w0;
  }

  /** Drops packets appended since the last publish (reverts a half-written batch). */
  public void abandon() {
    tail = published;
  }

  /**
   * §3.4: publishes {@code pending_send_sz = ringBytes}, issues a full fence and re-checks the free
   * space. True when the packet now fits (retry at once); false when the caller must wait for the
   * reader's signal.
   */
  public boolean requestSpace(int ringBytes) {
    ring.setVolatile(RingControlLayout.PENDING_SEND_SIZE, ringBytes);
    // Full fence (volatile store above, volatile load below): the reader may have freed space before
    // it could see our request.
    int r = ring.getVolatile(RingControlLayout.READ_INDEX);
    return ring.validIndex(r) && ring.free(tail, r) > ringBytes;
  }

  /** Stores {@code pending_send_sz = 0} once the waiting packet went out. */
  public void clearSpaceRequest() {
    if (ring.getVolatile(RingControlLayout.PENDING_SEND_SIZE) != 0) {
      ring.setVolatile(RingControlLayout.PENDING_SEND_SIZE, 0);
    }
  }

  /** Free bytes now, per §3.1, with a fresh {@code read_index} (0 when it is invalid). */
  public int freeBytes() {
    int r = ring.getVolatile(RingControlLayout.READ_INDEX);
    return ring.validIndex(r) ? ring.free(tail, r) : 0;
  }

  /** True once the peer's {@code read_index} was found invalid; every later call returns CORRUPT. */
  public boolean isCorrupt() {
    return corruption != null;
  }

  /** Why the writer stopped, or null. */
  public @Nullable String corruption() {
    return corruption;
  }
}
