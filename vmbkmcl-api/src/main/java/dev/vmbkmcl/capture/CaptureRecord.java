package dev.vmbkmcl.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One record read back from a capture: a {@link TapRecord} with its block's interface, time and
 * direction. For a packet, {@link #body()} is the ring packet (descriptor first).
 *
 * @param iface the interface id
 * @param epochNanos the timestamp, nanoseconds since 1970-01-01 UTC
 * @param direction {@link TapRecord#INBOUND}, {@link TapRecord#OUTBOUND} or 0
 * @param kind a {@code TapRecord.KIND_*} value
 * @param a the header's first u64 (ring index before, or the wait in nanoseconds)
 * @param b the header's second u64 (ring index after)
 * @param body the body, little-endian, position 0 (a read-only copy)
 */
public record CaptureRecord(
    int iface, long epochNanos, int direction, int kind, long a, long b, ByteBuffer body) {
  /** True for a ring packet whose body holds at least the 16-byte descriptor. */
  public boolean isPacket() {
    return kind == TapRecord.KIND_PACKET && body.limit() >= 16;
  }

  /** The packet type (descriptor u16 at 0); only for {@link #isPacket()}. */
  public int packetType() {
    return Short.toUnsignedInt(body.getShort(0));
  }

  /** The packet's flags (descriptor u16 at 6). */
  public int packetFlags() {
    return Short.toUnsignedInt(body.getShort(6));
  }

  /** The packet's transaction id (descriptor u64 at 8). */
  public long transactionId() {
    return body.getLong(8);
  }

  /** Where the payload starts: {@code offset8 * 8}, clamped to the body. */
  public int payloadOffset() {
    return Math.min(Short.toUnsignedInt(body.getShort(2)) * 8, body.limit());
  }

  /** The payload (padding included) as a little-endian view from position 0. */
  public ByteBuffer payload() {
    return body.slice(payloadOffset(), body.limit() - payloadOffset()).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** For a state record: the event name (before the 0 byte). */
  public String stateEvent() {
    String s = StandardCharsets.UTF_8.decode(body.duplicate()).toString();
    int zero = s.indexOf('\0');
    return zero < 0 ? s : s.substring(0, zero);
  }

  /** For a state record: the detail (after the 0 byte), or empty. */
  public String stateDetail() {
    String s = StandardCharsets.UTF_8.decode(body.duplicate()).toString();
    int zero = s.indexOf('\0');
    return zero < 0 ? "" : s.substring(zero + 1);
  }
}
