package dev.vmbkmcl.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Packets that cross the end of the data area at every 8-byte offset: inside the descriptor, the
 * type header, the payload and the trailer. The expected data area is built by hand from §2.1–§2.3,
 * not by the writer.
 */
class WrapAroundTest {
  private static final int DSIZE = 4096;

  @Test
  void inbandPacketSplitAtEveryOffset() {
    byte[] payload = new byte[37];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (3 * i + 1);
    }
    // 16 + 37 = 53 -> 56 bytes (len8 7), plus trailer = 64.
    for (int start = DSIZE - 72; start <= DSIZE - 8; start += 8) {
      long id = 0x0102030405060708L + start;
      ByteBuffer linear = linear(6, 2, 7, 1, id, new byte[0], payload, start);

      ByteBuffer memory = TestRings.memory(DSIZE);
      Ring ring = TestRings.ring(memory, start, start);
      RingWriter w = new RingWriter(ring);
      assertEquals(RingWriter.WRITTEN_SIGNAL, w.write(6, 1, id, null, ByteBuffer.wrap(payload)));

      assertArrayEquals(image(linear, start), TestRings.dataArea(memory), "start " + start);
      assertEquals((start + 64) % DSIZE, ring.writeIndex(), "start " + start);

      RingReader r = new RingReader(ring);
      IncomingPacket p = new IncomingPacket();
      assertEquals(RingReader.PACKET, r.read(p), "start " + start);
      assertEquals(6, p.type());
      assertEquals(1, p.flags());
      assertEquals(id, p.transactionId());
      assertEquals(2, p.offset8());
      assertEquals(7, p.len8());
      assertArrayEquals(bytes(linear, 0, 56), bytes(p.buffer(), 0, 56), "start " + start);
      assertEquals(RingReader.EMPTY, r.read(p));
      r.commit();
      assertEquals((start + 64) % DSIZE, ring.readIndex());
    }
  }

  @Test
  void gpaDirectPacketSplitAtEveryOffset() {
    byte[] payload = new byte[13];
    Arrays.fill(payload, (byte) 0x5A);
    // Header: reserved, range_count 1, byte_count 0x200, byte_offset 0xF00, two PFNs = 32 bytes.
    byte[] header = new byte[32];
    ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(4, 1).putInt(8, 0x200).putInt(12, 0xF00).putLong(16, 0xABCDEL).putLong(24, 0xABCDFL);
    GpaRangeList ranges = new GpaRangeList();
    ranges.add(0x200, 0xF00, 0xABCDEL, 0xABCDFL);
    // 16 + 32 + 13 = 61 -> 64 bytes (offset8 6, len8 8), plus trailer = 72.
    for (int start = DSIZE - 80; start <= DSIZE - 8; start += 8) {
      ByteBuffer linear = linear(9, 6, 8, 1, start, header, payload, start);
      ByteBuffer encoded = ByteBuffer.allocate(ranges.encodedSize());
      GpaDirect.encode(encoded, ranges);
      encoded.flip();

      ByteBuffer memory = TestRings.memory(DSIZE);
      Ring ring = TestRings.ring(memory, start, start);
      new RingWriter(ring).write(9, 1, start, encoded, ByteBuffer.wrap(payload));

      assertArrayEquals(image(linear, start), TestRings.dataArea(memory), "start " + start);

      RingReader r = new RingReader(ring);
      IncomingPacket p = new IncomingPacket();
      assertEquals(RingReader.PACKET, r.read(p), "start " + start);
      assertEquals(start, p.transactionId());
      assertEquals(48, p.payloadOffset());
      assertArrayEquals(bytes(linear, 0, 64), bytes(p.buffer(), 0, 64), "start " + start);
      GpaRangeList decoded = new GpaRangeList();
      assertEquals(GpaDirect.VALID, GpaDirect.decode(p.buffer(), p.payloadOffset(), decoded));
      assertEquals(0xABCDFL, decoded.pfn(0, 1));
      r.commit();
      assertEquals((start + 72) % DSIZE, ring.readIndex());
      assertTrue(r.isEmpty());
    }
  }

  /** The packet and trailer as §2.1–§2.3 lay them out, built field by field. */
  private static ByteBuffer linear(int type, int offset8, int len8, int flags, long id,
      byte[] header, byte[] payload, int start) {
    ByteBuffer b = ByteBuffer.allocate(len8 * 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) type).putShort((short) offset8).putShort((short) len8)
        .putShort((short) flags).putLong(id).put(header).put(payload);
    // Padding is already zero; the trailer is {u32 0, u32 start}.
    b.putInt(len8 * 8, 0).putInt(len8 * 8 + 4, start);
    return b;
  }

  /** A data area of filler with {@code linear} placed at {@code start}, wrapping at DSIZE. */
  private static byte[] image(ByteBuffer linear, int start) {
    byte[] area = TestRings.filler(DSIZE);
    for (int i = 0; i < linear.capacity(); i++) {
      area[(start + i) % DSIZE] = linear.get(i);
    }
    return area;
  }

  private static byte[] bytes(ByteBuffer b, int from, int length) {
    byte[] out = new byte[length];
    b.get(from, out);
    return out;
  }
}
