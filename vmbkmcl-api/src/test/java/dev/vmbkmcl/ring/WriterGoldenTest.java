package dev.vmbkmcl.ring;

import static dev.vmbkmcl.ring.TestRings.buffer;
import static dev.vmbkmcl.ring.TestRings.data;
import static dev.vmbkmcl.ring.TestRings.filler;
import static dev.vmbkmcl.ring.TestRings.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The writer's bytes against the reference's test vectors (§8.1–§8.4, §8.7, §8.8), typed in. */
class WriterGoldenTest {
  private static final long ID = 0x1122334455667788L;
  private static final byte[] FIVE = hex("01 02 03 04 05");

  private final ByteBuffer memory = TestRings.memory(4096);

  @Test
  void inbandPacketAtZero_8_1() {
    Ring ring = TestRings.ring(memory, 0, 0);
    RingWriter w = new RingWriter(ring);
    ByteBuffer payload = buffer(FIVE);

    assertEquals(RingWriter.WRITTEN_SIGNAL, w.write(6, 0, ID, null, payload));

    assertArrayEquals(hex("06 00 02 00 03 00 00 00 88 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 00 00 00 00 00 00 00 00"), data(memory, 0, 32));
    assertArrayEquals(filler(32), data(memory, 32, 32), "nothing past the trailer");
    assertEquals(0x20, ring.writeIndex());
    assertEquals(0, payload.position(), "payload position unchanged");
  }

  @Test
  void completionRequestedSetsByte6_8_1() {
    RingWriter w = new RingWriter(TestRings.ring(memory, 0, 0));
    w.write(6, PacketLayout.FLAG_COMPLETION_REQUESTED, ID, null, buffer(FIVE));
    assertArrayEquals(hex("06 00 02 00 03 00 01 00 88 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00"), data(memory, 0, 24));
  }

  @Test
  void secondPacketAndControlPage_8_2() {
    Ring ring = TestRings.ring(memory, 0, 0);
    RingWriter w = new RingWriter(ring);
    w.write(6, 0, ID, null, buffer(FIVE));

    // §8.2 control page after 8.1: w 0x20, r 0, mask 0, pending 0, feature 1, rest zero.
    byte[] page = new byte[4096];
    memory.get(0, page);
    byte[] expected = new byte[4096];
    System.arraycopy(hex("20 00 00 00"), 0, expected, 0, 4);
    System.arraycopy(hex("01 00 00 00"), 0, expected, 0x40, 4);
    assertArrayEquals(expected, page);

    assertEquals(RingWriter.WRITTEN, w.write(6, 0, ID + 1, null, buffer(FIVE)), "r != old w");
    assertArrayEquals(hex("06 00 02 00 03 00 00 00 89 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 00 00 00 00 20 00 00 00"), data(memory, 0x20, 32));
    assertEquals(0x40, ring.writeIndex());
    assertEquals(4032, w.freeBytes());
  }

  @Test
  void wrapSplitAfterDescriptor_8_3() {
    Ring ring = TestRings.ring(memory, 0xFF0, 0xFF0);
    RingWriter w = new RingWriter(ring);

    assertEquals(RingWriter.WRITTEN_SIGNAL, w.write(6, 0, ID, null, buffer(FIVE)));

    assertArrayEquals(hex("06 00 02 00 03 00 00 00 88 77 66 55 44 33 22 11"),
        data(memory, 0xFF0, 16));
    assertArrayEquals(hex("01 02 03 04 05 00 00 00 00 00 00 00 f0 0f 00 00"), data(memory, 0, 16));
    assertEquals(0x010, ring.writeIndex());
    assertEquals(4064, w.freeBytes());
  }

  @Test
  void wrapSplitInsideDescriptor_8_4() {
    Ring ring = TestRings.ring(memory, 0xFF8, 0xFF8);
    new RingWriter(ring).write(6, 0, ID, null, buffer(FIVE));

    assertArrayEquals(hex("06 00 02 00 03 00 00 00"), data(memory, 0xFF8, 8));
    assertArrayEquals(hex("88 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 00 00 00 00 f8 0f 00 00"), data(memory, 0, 24));
    assertEquals(0x018, ring.writeIndex());
  }

  @Test
  void completionPacket_8_7() {
    new RingWriter(TestRings.ring(memory, 0, 0)).write(PacketLayout.TYPE_COMPLETION, 0, ID, null,
        buffer(new byte[4]));
    assertArrayEquals(hex("0b 00 02 00 03 00 00 00 88 77 66 55 44 33 22 11"
        + " 00 00 00 00 00 00 00 00"), data(memory, 0, 24));
  }

  @Test
  void gpaDirectOneRange_8_8() {
    GpaRangeList ranges = new GpaRangeList();
    ranges.add(0x20, 0x10, 0x12345L);
    ByteBuffer header = ByteBuffer.allocate(ranges.encodedSize());
    GpaDirect.encode(header, ranges);
    header.flip();
    ByteBuffer payload = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(0, 0xCAFEBABEDEADBEEFL);

    new RingWriter(TestRings.ring(memory, 0, 0)).write(PacketLayout.TYPE_GPA_DIRECT,
        PacketLayout.FLAG_COMPLETION_REQUESTED, 1, header, payload);

    assertArrayEquals(hex("09 00 05 00 06 00 01 00 01 00 00 00 00 00 00 00"
        + " 00 00 00 00 01 00 00 00 20 00 00 00 10 00 00 00"
        + " 45 23 01 00 00 00 00 00 ef be ad de be ba fe ca"
        + " 00 00 00 00 00 00 00 00"), data(memory, 0, 56));
  }

  @Test
  void gpaDirectPageBufferForm_8_8() {
    GpaRangeList ranges = new GpaRangeList();
    ranges.add(0x100, 0, 0x1000L);
    ranges.add(0x80, 0x40, 0x2000L);
    // A big-endian buffer must not change the wire bytes.
    ByteBuffer header = ByteBuffer.allocate(64).order(ByteOrder.BIG_ENDIAN);
    assertEquals(40, GpaDirect.encode(header, ranges));
    header.flip();

    new RingWriter(TestRings.ring(memory, 0, 0)).write(PacketLayout.TYPE_GPA_DIRECT,
        PacketLayout.FLAG_COMPLETION_REQUESTED, 7, header, null);

    assertArrayEquals(hex("09 00 07 00 07 00 01 00 07 00 00 00 00 00 00 00"
        + " 00 00 00 00 02 00 00 00 00 01 00 00 00 00 00 00"
        + " 00 10 00 00 00 00 00 00 80 00 00 00 40 00 00 00"
        + " 00 20 00 00 00 00 00 00"
        + " 00 00 00 00 00 00 00 00"), data(memory, 0, 64));
  }
}
