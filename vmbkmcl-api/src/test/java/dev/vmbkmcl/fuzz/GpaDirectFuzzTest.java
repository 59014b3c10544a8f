package dev.vmbkmcl.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmbkmcl.ring.GpaDirect;
import dev.vmbkmcl.ring.GpaRangeList;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * {@link GpaDirect#decode} over arbitrary packet bytes and any {@code offset8 * 8} (reference
 * §2.7): the status is {@link RingOracle#gpaStatus}'s, in either byte order of the buffer; nothing
 * at or past the end is read (the bytes after it are poisoned and the result must not depend on
 * them); and a valid header decodes to ranges that encode back to the very same bytes.
 *
 * <p>Input layout: {@code u16 end} (the header ends at 8 * (end % 64)), then the packet bytes from
 * offset 0 (the descriptor) on; the packet is zero-padded to the end.
 */
class GpaDirectFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void decodeAgreesWithTheReference(byte[] input) {
    FuzzBytes in = new FuzzBytes(input);
    int end = 8 * (in.u16() % 64);
    byte[] packet = Arrays.copyOf(in.rest(), end);
    int expected = RingOracle.gpaStatus(packet, end);

    GpaRangeList ranges = new GpaRangeList();
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      for (byte poison : new byte[] {0, (byte) 0xFF}) {
        ByteBuffer buffer = ByteBuffer.allocate(end + 64).order(order);
        Arrays.fill(buffer.array(), poison);
        buffer.put(0, packet);
        assertEquals(expected, GpaDirect.decode(buffer, end, ranges), () -> "status "
            + GpaDirect.describe(expected) + " expected with " + order + " and poison " + poison);
        assertEquals(expected, GpaDirect.decode(buffer, end, null), "validating only");
      }
    }
    if (expected != GpaDirect.VALID) {
      return;
    }
    int size = ranges.encodedSize();
    assertTrue(size <= end - GpaDirect.RESERVED, "the ranges fit before offset8 * 8");
    ByteBuffer encoded = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(size, GpaDirect.encode(encoded, ranges));
    // Reserved is written as 0; range_count and every range must be the received bytes.
    assertArrayEquals(Arrays.copyOfRange(packet, GpaDirect.RANGE_COUNT, GpaDirect.RESERVED + size),
        Arrays.copyOfRange(encoded.array(), 4, size));
    for (int i = 0; i < ranges.rangeCount(); i++) {
      assertEquals(GpaDirect.pageCount(ranges.byteOffset(i), ranges.byteCount(i)),
          ranges.pageCount(i));
    }
  }
}
