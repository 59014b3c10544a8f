package dev.vmbkmcl.channel;

import dev.vmbkmcl.VMBPACKETCOMPLETION;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * The engine's {@code VMBPACKETCOMPLETION}: one incoming packet from its delivery to its completion.
 * The ring reader copies the whole packet straight into {@link #packet} (the one copy out of shared
 * memory, validated there), and the driver sees its payload through {@link #payload}, a view of that
 * copy; so the driver may complete it later while the ring moves on. Pooled per channel; buffers
 * grow to the largest packet seen, then stay.
 */
final class Delivery extends VMBPACKETCOMPLETION implements QueuedSend {
  /**
   * FREE in the pool; DELIVERING from the read until its inline callback returns (not counted as
   * outstanding, so the common inline completion touches no counter); OUTSTANDING once counted
   * (it outlived the callback, or goes to the passive thread); COMPLETING once claimed.
   */
  enum Phase { FREE, DELIVERING, OUTSTANDING, COMPLETING }

  final EngineChannel channel;
  final ByteBuffer clientContext;
  /** The whole packet as the reader copied it (descriptor first); the reader's target. */
  ByteBuffer packet = ByteBuffer.allocate(256);
  /** The driver's view of the payload inside {@link #packet}, index 0 at the payload's start. */
  ByteBuffer payload = packet;
  /** The offset in {@link #packet} where {@link #payload} starts; -1 before the first view. */
  private int viewOffset = -1;
  /** The buffer {@link #payload} was made over (a grown {@link #packet} needs a new view). */
  private ByteBuffer viewSource = packet;
  int payloadLength;
  /** The GPA-direct or transfer-page header of the packet, when it carried one; little-endian. */
  ByteBuffer typeHeader = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
  int typeHeaderLength;
  int packetType;
  int processFlags;
  long transactionId;
  boolean completionRequested;
  /** Volatile: a completion on a driver thread claims the delivery with a compare-and-set. */
  volatile Phase phase = Phase.FREE;
  /** The next free delivery while this one is in the pool ({@link DeliveryPool}). */
  @Nullable Delivery poolNext;
  boolean deferRequested;
  boolean redelivery;
  /**
   * The thread running this delivery's process-packet callback, null outside it: the inline-only
   * rule of {@code VmbChannelPacketDeferToPassive}. A field instead of a ThreadLocal, whose set and
   * remove would allocate an entry per delivery.
   */
  @Nullable Thread inlineThread;
  /** The completion packet's payload while it waits in the send queue. */
  ByteBuffer completionPayload = ByteBuffer.allocate(0);
  int completionLength;

  private static final java.lang.invoke.VarHandle PHASE;

  static {
    try {
      PHASE = java.lang.invoke.MethodHandles.lookup()
          .findVarHandle(Delivery.class, "phase", Phase.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** {@link #claim}: another call completed, failed or released it first. */
  static final int CLAIM_FAILED = 0;
  /** {@link #claim}: claimed while its inline callback ran, before it counted as outstanding. */
  static final int CLAIM_UNCOUNTED = 1;
  /** {@link #claim}: claimed while it counted as outstanding. */
  static final int CLAIM_COUNTED = 2;

  /**
   * Moves {@code d} from DELIVERING (its inline callback runs, not counted as outstanding) or
   * OUTSTANDING to COMPLETING with one compare-and-set; exactly one caller wins.
   */
  static int claim(Delivery d) {
    while (true) {
      Phase p = d.phase;
      if (p != Phase.DELIVERING && p != Phase.OUTSTANDING) {
        return CLAIM_FAILED;
      }
      if (PHASE.compareAndSet(d, p, Phase.COMPLETING)) {
        return p == Phase.OUTSTANDING ? CLAIM_COUNTED : CLAIM_UNCOUNTED;
      }
      // The delivery thread promoted it to OUTSTANDING meanwhile (or another call claimed it).
    }
  }

  /**
   * After its inline callback: DELIVERING to OUTSTANDING (the delivery thread counted it first);
   * false when a completion claimed it meanwhile.
   */
  static boolean promote(Delivery d) {
    return PHASE.compareAndSet(d, Phase.DELIVERING, Phase.OUTSTANDING);
  }

  /**
   * Sets the phase with a release store (no StoreLoad fence): the thread that next acts on the
   * delivery gets it through a handoff that orders it (the driver's own, the pool, the role).
   */
  void setPhase(Phase next) {
    PHASE.setRelease(this, next);
  }

  Delivery(EngineChannel channel) {
    super(channel.backend);
    this.channel = channel;
    this.clientContext = ByteBuffer.allocate(channel.settings.clientContextSize);
  }

  /**
   * The reader copied the packet into {@link #packet}: the payload is [offset, offset + length) of
   * it. The view is made once per offset and buffer, so the steady state allocates nothing.
   */
  @SuppressWarnings("ReferenceEquality") // the view belongs to that very buffer object
  void useCopy(int offset, int length) {
    if (viewOffset != offset || viewSource != packet) {
      packet.limit(packet.capacity()); // slice checks the limit; the reader resets it anyway
      payload = packet.slice(offset, packet.capacity() - offset);
      viewOffset = offset;
      viewSource = packet;
    }
    payload.clear().limit(length);
    payloadLength = length;
  }

  /**
   * The packet is in another buffer (it did not fit {@link #packet}): copies bytes [offset, offset +
   * length) of {@code source} to the same place in {@link #packet}, grown to {@code packetLength}
   * so that the next packet of this size goes straight in.
   */
  void load(ByteBuffer source, int offset, int length, int packetLength) {
    int needed = Math.max(packetLength, offset + length);
    if (packet.capacity() < needed) {
      packet = ByteBuffer.allocate(Math.max(needed, packet.capacity() * 2));
    }
    packet.clear().put(offset, source, offset, length);
    useCopy(offset, length);
  }

  void loadTypeHeader(ByteBuffer source, int offset, int length) {
    if (typeHeader.capacity() < length) {
      typeHeader = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    }
    typeHeader.clear();
    typeHeader.put(0, source, offset, length);
    typeHeader.limit(length);
    typeHeaderLength = length;
  }

  /** Keeps bytes [offset, offset + length) of {@code source} (null when length is 0). */
  void holdCompletion(@Nullable ByteBuffer source, int offset, int length) {
    if (completionPayload.capacity() < length) {
      completionPayload = ByteBuffer.allocate(length);
    }
    completionPayload.clear();
    if (source != null) {
      completionPayload.put(0, source, offset, length);
    }
    completionPayload.limit(length);
    completionLength = length;
  }

  @Override
  public String toString() {
    return "VMBPACKETCOMPLETION(type " + packetType + ", " + payloadLength + " bytes, " + phase + ")";
  }
}
