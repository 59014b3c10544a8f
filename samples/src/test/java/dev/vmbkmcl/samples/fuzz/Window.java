package dev.vmbkmcl.samples.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A received payload placed at {@code offset} of a larger buffer between two guard areas filled
 * with one byte: decoders get {@code (buffer, offset, length)} and must neither read nor write the
 * guards. Decoding the same payload with two different guard bytes must give the same result.
 */
final class Window {
  static final int GUARD = 32;

  final ByteBuffer buffer;
  final int offset;
  final int length;
  private final byte guard;

  Window(byte[] payload, int lead, byte guard) {
    this.offset = GUARD + lead;
    this.length = payload.length;
    this.guard = guard;
    byte[] all = new byte[offset + length + GUARD];
    Arrays.fill(all, guard);
    System.arraycopy(payload, 0, all, offset, length);
    this.buffer = ByteBuffer.wrap(all).order(ByteOrder.BIG_ENDIAN);
  }

  /** The payload bytes as they are now. */
  byte[] payload() {
    byte[] now = new byte[length];
    buffer.get(offset, now);
    return now;
  }

  /** True when no byte outside the payload changed. */
  boolean guardsIntact() {
    for (int i = 0; i < buffer.capacity(); i++) {
      if ((i < offset || i >= offset + length) && buffer.get(i) != guard) {
        return false;
      }
    }
    return true;
  }
}
