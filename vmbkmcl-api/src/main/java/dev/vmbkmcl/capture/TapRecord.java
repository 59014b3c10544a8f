package dev.vmbkmcl.capture;

/**
 * The per-record header inside each Enhanced Packet Block of a capture (little-endian, 24 bytes),
 * followed by the record's body:
 *
 * <pre>
 * 0  u8  kind     1 packet, 2 signal, 3 ring-full wait, 4 state change
 * 1  u8  version  1
 * 2  u16 header   24 (the body starts here)
 * 4  u32 reserved 0
 * 8  u64 a        packet: ring index before it; wait: nanoseconds waited; else 0
 * 16 u64 b        packet: ring index after it (and its trailer); else 0
 * 24 ...  body     packet: the ring packet from its descriptor through its padding (no trailer);
 *                  state: the event name in ASCII, a 0 byte, the detail in UTF-8; else empty
 * </pre>
 *
 * The direction is in the block's {@code epb_flags}: {@link #INBOUND} for a packet received or a
 * doorbell rung by the peer, {@link #OUTBOUND} for one sent or rung by the tapped side, 0 for the
 * state changes and waits.
 */
public final class TapRecord {
  private TapRecord() {}

  /** {@code LINKTYPE_USER0}: the link type of every capture interface. */
  public static final int LINKTYPE = 147;
  /** A ring packet. */
  public static final int KIND_PACKET = 1;
  /** A doorbell (sent or received, by the direction). */
  public static final int KIND_SIGNAL = 2;
  /** A sender waited for ring room. */
  public static final int KIND_RING_FULL = 3;
  /** A channel state change. */
  public static final int KIND_STATE = 4;
  /** The record format version. */
  public static final int VERSION = 1;
  /** The header's size in bytes. */
  public static final int HEADER_SIZE = 24;
  /** The {@code epb_flags} direction bits of an inbound record. */
  public static final int INBOUND = 1;
  /** The {@code epb_flags} direction bits of an outbound record. */
  public static final int OUTBOUND = 2;

  /**
   * The kind's name, for text output.
   *
   * @param kind a {@code KIND_*} value
   * @return its name, or {@code kind N} for an unknown one
   */
  public static String kindName(int kind) {
    return switch (kind) {
      case KIND_PACKET -> "packet";
      case KIND_SIGNAL -> "signal";
      case KIND_RING_FULL -> "ring-full";
      case KIND_STATE -> "state";
      default -> "kind " + kind;
    };
  }
}
