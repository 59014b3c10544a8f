package dev.vmbkmcl.ring;

import static dev.vmbkmcl.ring.TestRings.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The GPA-direct header (§2.7) against §8.8, and its decoder on untrusted input. */
class GpaDirectTest {
  /** §8.8, second vector: the page-buffer form with two single-page ranges. */
  private static final byte[] PAGE_BUFFER_PACKET = hex(
      "09 00 07 00 07 00 01 00 07 00 00 00 00 00 00 00"
      + " 00 00 00 00 02 00 00 00 00 01 00 00 00 00 00 00"
      + " 00 10 00 00 00 00 00 00 80 00 00 00 40 00 00 00"
      + " 00 20 00 00 00 00 00 00");

  @Test
  void pageCountFollowsTheFormula() {
    assertEquals(1, GpaDirect.pageCount(0x10, 0x20));
    assertEquals(1, GpaDirect.pageCount(0, 4096));
    assertEquals(2, GpaDirect.pageCount(1, 4096));
    assertEquals(2, GpaDirect.pageCount(0xF00, 0x200));
    assertEquals(0, GpaDirect.pageCount(0, 0));
    assertEquals(1_048_577, GpaDirect.pageCount(4095, -1), "byte_count is a u32");
  }

  @Test
  void encodesThePageBufferForm() {
    GpaRangeList ranges = new GpaRangeList();
    ranges.add(0x100, 0, 0x1000L);
    ranges.add(0x80, 0x40, 0x2000L);
    ByteBuffer dst = ByteBuffer.allocate(48);
    dst.position(8);
    assertEquals(40, GpaDirect.encode(dst, ranges));
    assertEquals(48, dst.position());
    byte[] written = new byte[40];
    dst.get(8, written);
    byte[] expected = new byte[40];
    System.arraycopy(PAGE_BUFFER_PACKET, 16, expected, 0, 40);
    assertArrayEquals(expected, written);
  }

  @Test
  void decodesInEitherBufferOrder() {
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      GpaRangeList ranges = new GpaRangeList();
      ByteBuffer packet = ByteBuffer.wrap(PAGE_BUFFER_PACKET).order(order);
      assertEquals(GpaDirect.VALID, GpaDirect.decode(packet, 56, ranges));
      assertEquals(2, ranges.rangeCount());
      assertEquals(0x80, ranges.byteCount(1));
      assertEquals(0x40, ranges.byteOffset(1));
      assertEquals(0x2000L, ranges.pfn(1, 0));
      assertEquals(40, ranges.encodedSize());
    }
  }

  @Test
  void decodeGrowsAndReusesTheList() {
    GpaRangeList ranges = new GpaRangeList();
    // 20 ranges of 3 pages each: more than the list's first capacity.
    for (int i = 0; i < 20; i++) {
      ranges.add(2 * 4096, 100, 10L * i, 10L * i + 1, 10L * i + 2);
    }
    ByteBuffer packet = ByteBuffer.allocate(16 + ranges.encodedSize());
    packet.position(16);
    GpaDirect.encode(packet, ranges);
    GpaRangeList decoded = new GpaRangeList();
    decoded.add(1, 0, 5L);
    assertEquals(GpaDirect.VALID, GpaDirect.decode(packet, packet.capacity(), decoded));
    assertEquals(20, decoded.rangeCount());
    assertEquals(3, decoded.pageCount(19));
    assertEquals(192L, decoded.pfn(19, 2));
    assertEquals(100, decoded.byteOffset(7));
  }

  @Test
  void decodeReportsEachProblem() {
    ByteBuffer p = ByteBuffer.wrap(PAGE_BUFFER_PACKET.clone()).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(GpaDirect.NO_HEADER, GpaDirect.decode(p, 16, null));
    assertEquals(GpaDirect.RANGE_OUTSIDE, GpaDirect.decode(p, 55, null), "last PFN cut");
    assertEquals(GpaDirect.RANGE_OUTSIDE, GpaDirect.decode(p, 40, null), "second range missing");
    p.putInt(GpaDirect.RANGE_COUNT, -1);
    assertEquals(GpaDirect.RANGE_OUTSIDE, GpaDirect.decode(p, 56, null), "2^32 - 1 ranges");
    p.putInt(GpaDirect.RANGE_COUNT, 0);
    assertEquals(GpaDirect.NO_RANGES, GpaDirect.decode(p, 56, null));
    p.putInt(GpaDirect.RANGE_COUNT, 1).putInt(28, 4096);
    assertEquals(GpaDirect.BAD_BYTE_OFFSET, GpaDirect.decode(p, 56, null));
    p.putInt(28, -1);
    assertEquals(GpaDirect.BAD_BYTE_OFFSET, GpaDirect.decode(p, 56, null), "u32 offset");
    p.putInt(28, 0).putInt(24, -1);
    assertEquals(GpaDirect.RANGE_OUTSIDE, GpaDirect.decode(p, 56, null), "4 GiB byte_count");
    assertThrows(IndexOutOfBoundsException.class, () -> GpaDirect.decode(p, 57, null));
  }

  @Test
  void misuseThrows() {
    GpaRangeList ranges = new GpaRangeList();
    assertThrows(IllegalArgumentException.class,
        () -> GpaDirect.encode(ByteBuffer.allocate(64), ranges));
    assertThrows(IllegalArgumentException.class, () -> ranges.add(10, 4096, 1L));
    assertThrows(IllegalArgumentException.class, () -> ranges.add(4096, 1, 1L), "needs 2 PFNs");
    ranges.add(4096, 1, 1L, 2L);
    assertThrows(BufferOverflowException.class,
        () -> GpaDirect.encode(ByteBuffer.allocate(16), ranges));
    assertThrows(IndexOutOfBoundsException.class, () -> ranges.pfn(0, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> ranges.byteCount(1));
  }
}
