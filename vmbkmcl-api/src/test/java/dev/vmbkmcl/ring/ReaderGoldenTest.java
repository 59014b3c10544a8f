package dev.vmbkmcl.ring;

import static dev.vmbkmcl.ring.TestRings.hex;
import static dev.vmbkmcl.ring.TestRings.putData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The reference's byte vectors (§8.1–§8.8), typed into a ring, read back field by field. */
class ReaderGoldenTest {
  private final ByteBuffer memory = TestRings.memory(4096);
  private final IncomingPacket p = new IncomingPacket();

  private static byte[] payload(IncomingPacket p) {
    byte[] b = new byte[p.payloadLength()];
    p.buffer().get(p.payloadOffset(), b);
    return b;
  }

  @Test
  void twoInbandPackets_8_1_8_2() {
    putData(memory, 0, hex("06 00 02 00 03 00 01 00 88 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 00 00 00 00 00 00 00 00"
        + " 06 00 02 00 03 00 00 00 89 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 00 00 00 00 20 00 00 00"));
    Ring ring = TestRings.ring(memory, 0x40, 0);
    RingReader r = new RingReader(ring);

    assertEquals(RingReader.PACKET, r.read(p));
    assertEquals(6, p.type());
    assertEquals(2, p.offset8());
    assertEquals(3, p.len8());
    assertEquals(1, p.flags());
    assertTrue(p.completionRequested());
    assertEquals(0x1122334455667788L, p.transactionId());
    assertEquals(16, p.payloadOffset());
    assertArrayEquals(hex("01 02 03 04 05 00 00 00"), payload(p));
    assertEquals(0, ring.readIndex(), "read_index is stored by commit only");

    assertEquals(RingReader.PACKET, r.read(p));
    assertEquals(0x1122334455667789L, p.transactionId());
    assertFalse(p.completionRequested());
    assertEquals(RingReader.EMPTY, r.read(p));
    r.commit();
    assertEquals(0x40, ring.readIndex());
  }

  @Test
  void wrappedAfterDescriptor_8_3() {
    putData(memory, 0xFF0, hex("06 00 02 00 03 00 00 00 88 77 66 55 44 33 22 11"));
    putData(memory, 0, hex("01 02 03 04 05 00 00 00 00 00 00 00 f0 0f 00 00"));
    Ring ring = TestRings.ring(memory, 0x010, 0xFF0);
    RingReader r = new RingReader(ring);

    assertEquals(RingReader.PACKET, r.read(p));
    assertEquals(6, p.type());
    assertEquals(2, p.offset8());
    assertEquals(3, p.len8());
    assertEquals(0, p.flags());
    assertEquals(0x1122334455667788L, p.transactionId());
    assertArrayEquals(hex("01 02 03 04 05 00 00 00"), payload(p));
    r.commit();
    assertEquals(0x010, ring.readIndex());
  }

  @Test
  void wrappedInsideDescriptor_8_4() {
    putData(memory, 0xFF8, hex("06 00 02 00 03 00 00 00"));
    putData(memory, 0, hex("88 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 00 00 00 00 f8 0f 00 00"));
    Ring ring = TestRings.ring(memory, 0x018, 0xFF8);
    RingReader r = new RingReader(ring);

    assertEquals(RingReader.PACKET, r.read(p));
    assertEquals(0x1122334455667788L, p.transactionId());
    assertArrayEquals(hex("01 02 03 04 05 00 00 00"), payload(p));
    byte[] whole = new byte[p.buffer().limit()];
    p.buffer().get(0, whole);
    assertArrayEquals(hex("06 00 02 00 03 00 00 00 88 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00"), whole, "the whole packet, descriptor first");
    r.commit();
    assertEquals(0x018, ring.readIndex());
  }

  @Test
  void completion_8_7() {
    putData(memory, 0, hex("0b 00 02 00 03 00 00 00 88 77 66 55 44 33 22 11"
        + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"));
    RingReader r = new RingReader(TestRings.ring(memory, 0x20, 0));
    assertEquals(RingReader.PACKET, r.read(p));
    assertEquals(PacketLayout.TYPE_COMPLETION, p.type());
    assertEquals(0x1122334455667788L, p.transactionId());
    assertEquals(8, p.payloadLength());
  }

  @Test
  void gpaDirectPackets_8_8() {
    putData(memory, 0, hex("09 00 05 00 06 00 01 00 01 00 00 00 00 00 00 00"
        + " 00 00 00 00 01 00 00 00 20 00 00 00 10 00 00 00"
        + " 45 23 01 00 00 00 00 00 ef be ad de be ba fe ca"
        + " 00 00 00 00 00 00 00 00"
        + " 09 00 07 00 07 00 01 00 07 00 00 00 00 00 00 00"
        + " 00 00 00 00 02 00 00 00 00 01 00 00 00 00 00 00"
        + " 00 10 00 00 00 00 00 00 80 00 00 00 40 00 00 00"
        + " 00 20 00 00 00 00 00 00"
        + " 00 00 00 00 38 00 00 00"));
    RingReader r = new RingReader(TestRings.ring(memory, 56 + 64, 0));
    GpaRangeList ranges = new GpaRangeList();

    assertEquals(RingReader.PACKET, r.read(p));
    assertEquals(PacketLayout.TYPE_GPA_DIRECT, p.type());
    assertEquals(5, p.offset8());
    assertEquals(6, p.len8());
    assertEquals(1, p.transactionId());
    assertTrue(p.completionRequested());
    assertEquals(GpaDirect.VALID, GpaDirect.decode(p.buffer(), p.payloadOffset(), ranges));
    assertEquals(1, ranges.rangeCount());
    assertEquals(0x20, ranges.byteCount(0));
    assertEquals(0x10, ranges.byteOffset(0));
    assertEquals(1, ranges.pageCount(0));
    assertEquals(0x12345L, ranges.pfn(0, 0));
    assertEquals(0xCAFEBABEDEADBEEFL, p.buffer().getLong(p.payloadOffset()));

    assertEquals(RingReader.PACKET, r.read(p));
    assertEquals(7, p.offset8());
    assertEquals(7, p.len8());
    assertEquals(7, p.transactionId());
    assertEquals(0, p.payloadLength());
    assertEquals(GpaDirect.VALID, GpaDirect.decode(p.buffer(), p.payloadOffset(), ranges));
    assertEquals(2, ranges.rangeCount());
    assertEquals(0x100, ranges.byteCount(0));
    assertEquals(0, ranges.byteOffset(0));
    assertEquals(0x1000L, ranges.pfn(0, 0));
    assertEquals(0x80, ranges.byteCount(1));
    assertEquals(0x40, ranges.byteOffset(1));
    assertEquals(0x2000L, ranges.pfn(1, 0));
    assertEquals(RingReader.EMPTY, r.read(p));
  }
}
