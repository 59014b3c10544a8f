package dev.vmbkmcl.benchmarks;

import java.nio.ByteBuffer;
import org.agrona.DirectBuffer;

/**
 * What a benchmark receiver does with a payload: reads its first byte, so the bytes were really
 * delivered, and counts it. One receiving thread per sink.
 */
final class PayloadSink {
  private long packets;
  private long checksum;

  /** A payload of {@code bytes} bytes (a direct buffer, as a driver's DMA-able memory would be). */
  static ByteBuffer message(int bytes) {
    ByteBuffer b = ByteBuffer.allocateDirect(bytes);
    for (int i = 0; i < bytes; i++) {
      b.put(i, (byte) (i * 31 + 7));
    }
    return b;
  }

  void consume(ByteBuffer payload, int length) {
    if (length > 0) {
      checksum += payload.get(payload.position());
    }
    packets++;
  }

  void consume(DirectBuffer payload, int index, int length) {
    if (length > 0) {
      checksum += payload.getByte(index);
    }
    packets++;
  }

  /**
   * Checks, after the receiving thread stopped, that packets arrived.
   *
   * @throws IllegalStateException when none did
   */
  void requireSeen(String receiver) {
    if (packets == 0) {
      throw new IllegalStateException(receiver + " received no packet (checksum " + checksum + ")");
    }
  }
}
