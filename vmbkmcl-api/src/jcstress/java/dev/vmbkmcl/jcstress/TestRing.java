package dev.vmbkmcl.jcstress;

import dev.vmbkmcl.ring.IncomingPacket;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.ring.Ring;
import dev.vmbkmcl.ring.RingReader;
import dev.vmbkmcl.ring.RingWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One ring with its writer and reader, as a jcstress state builds it: a 4096-byte control page and
 * a small data area, so a few packets fill it. Packets carry a 32-byte payload of one repeated
 * byte, so a reader that sees a mix of two packets' bytes can tell.
 */
final class TestRing {
  /** Payload bytes of every test packet. */
  static final int PAYLOAD = 32;
  /** Ring bytes one test packet takes: align8(16 + 32) + 8 trailer (§3.1). */
  static final int PACKET_RING_BYTES = PacketLayout.ringBytes(0, PAYLOAD);

  final RingWriter writer;
  final RingReader reader;
  final IncomingPacket packet = new IncomingPacket();
  private final ByteBuffer payload = ByteBuffer.allocate(PAYLOAD);

  /** A fresh ring with {@code dataSize} data bytes and flow control advertised (§1.7). */
  TestRing(int dataSize) {
    ByteBuffer memory = ByteBuffer.allocate(4096 + dataSize).order(ByteOrder.LITTLE_ENDIAN);
    Ring ring = Ring.wrap(memory);
    ring.initialize(true);
    writer = new RingWriter(ring);
    reader = new RingReader(ring);
  }

  /** Writes one packet whose payload bytes and transaction id are all {@code mark}. */
  int write(int mark) {
    for (int i = 0; i < PAYLOAD; i++) {
      payload.put(i, (byte) mark);
    }
    return writer.write(PacketLayout.TYPE_INBAND, 0, mark, null, payload.duplicate());
  }

  /**
   * Reads one packet: {@code mark} if it is whole (id and every payload byte equal), 0 when the
   * ring is empty, -1 for a packet mixed from two, -2 when the reader reports corruption.
   */
  int read() {
    int rc = reader.read(packet);
    if (rc == RingReader.EMPTY) {
      return 0;
    }
    if (rc != RingReader.PACKET) {
      return -2;
    }
    long mark = packet.transactionId();
    ByteBuffer b = packet.buffer();
    for (int i = 0; i < PAYLOAD; i++) {
      if (b.get(packet.payloadOffset() + i) != (byte) mark) {
        return -1;
      }
    }
    return (int) mark;
  }
}
