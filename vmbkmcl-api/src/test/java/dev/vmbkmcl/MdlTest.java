package dev.vmbkmcl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** {@code MDL}: regions, chains, page spans, page-only MDLs and the system-address view. */
class MdlTest {
  @Test
  void anMdlDescribesARegionWithItsOffsetInTheFirstPage() {
    Mdl m = Mdl.IoAllocateMdl(ByteBuffer.allocate(3 * 4096), 4096 + 100, 5000);
    assertEquals(5000, m.byteCount());
    assertEquals(100, m.byteOffset());
    assertEquals(2, m.pageCount());
    assertEquals(4196, m.backingOffset());
  }

  @Test
  void pageSpansCountEveryTouchedPage() {
    assertEquals(1, Mdl.pagesSpanned(0, 1));
    assertEquals(1, Mdl.pagesSpanned(0, 4096));
    assertEquals(2, Mdl.pagesSpanned(0, 4097));
    assertEquals(2, Mdl.pagesSpanned(4095, 2));
    assertEquals(3, Mdl.pagesSpanned(4000, 4200));
    assertEquals(524_289, Mdl.pagesSpanned(4095, Integer.MAX_VALUE));
  }

  @Test
  void regionsOutsideTheBufferOrEmptyAreRejected() {
    ByteBuffer b = ByteBuffer.allocate(100);
    assertThrows(IllegalArgumentException.class, () -> Mdl.IoAllocateMdl(b, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> Mdl.IoAllocateMdl(b, 50, 51));
    assertThrows(IllegalArgumentException.class, () -> Mdl.IoAllocateMdl(b, -1, 10));
    assertThrows(IllegalArgumentException.class,
        () -> Mdl.IoAllocateMdl(b, 1, Integer.MAX_VALUE));
    assertEquals(50, Mdl.IoAllocateMdl(b, 50, 50).byteCount());
  }

  @Test
  void aChainCountsBytesAndElements() {
    Mdl head = Mdl.forBuffer(ByteBuffer.allocate(10));
    Mdl tail = head.link(Mdl.forBuffer(ByteBuffer.allocate(20)))
        .link(Mdl.forBuffer(ByteBuffer.allocate(30)));
    assertEquals(60, head.chainByteCount());
    assertEquals(3, head.chainLength());
    assertEquals(30, tail.chainByteCount());
    assertEquals(1, tail.chainLength());
    assertNull(tail.next());
    assertSame(head, head.link(null));
    assertEquals(1, head.chainLength());
  }

  @Test
  void forPagesDescribesPagesWithoutAVirtualAddress() {
    long[] pfns = {7, 8};
    Mdl m = Mdl.forPages(pfns, 10, 5000);
    pfns[0] = 99;
    assertArrayEquals(new long[] {7, 8}, m.pfns());
    assertNull(m.systemAddress());
    assertNull(m.backingBuffer());
    assertEquals(2, m.pageCount());
    assertTrue(m.toString().contains("no VA"));
  }

  @Test
  void forPagesRejectsTooFewPagesAndBadOffsets() {
    assertThrows(IllegalArgumentException.class, () -> Mdl.forPages(new long[] {1}, 10, 4090));
    assertThrows(IllegalArgumentException.class, () -> Mdl.forPages(new long[] {1}, 4096, 1));
    assertThrows(IllegalArgumentException.class, () -> Mdl.forPages(new long[] {1}, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> Mdl.forPages(new long[] {1}, 0, 0));
    assertEquals(4086, Mdl.forPages(new long[] {1}, 10, 4086).byteCount());
  }

  @Test
  void theSystemAddressIsASliceOfExactlyTheElementsBytes() {
    ByteBuffer b = ByteBuffer.allocate(64);
    for (int i = 0; i < 64; i++) {
      b.put(i, (byte) i);
    }
    b.position(5).limit(9);
    ByteBuffer view = Mdl.IoAllocateMdl(b, 16, 8).systemAddress();
    assertNotNull(view);
    assertEquals(0, view.position());
    assertEquals(8, view.limit());
    assertEquals(16, view.get(0));
    assertEquals(23, view.get(7));
    view.put(0, (byte) -1);
    assertEquals(-1, b.array()[16]);
    assertEquals(5, b.position());
    assertEquals(9, b.limit());
  }

  @Test
  void theSystemAddressKeepsTheBackingBuffersByteOrder() {
    ByteBuffer b = ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putInt(4, 0x04030201);
    ByteBuffer view = Mdl.IoAllocateMdl(b, 4, 4).systemAddress();
    assertNotNull(view);
    assertEquals(java.nio.ByteOrder.LITTLE_ENDIAN, view.order());
    assertEquals(0x04030201, view.getInt(0));
  }

  @Test
  void pageNumbersAreAssignedOnePerTouchedPage() {
    Mdl m = Mdl.IoAllocateMdl(ByteBuffer.allocate(8192), 4000, 200);
    assertNull(m.pfns());
    assertThrows(IllegalArgumentException.class, () -> m.assignPfns(new long[] {1}));
    m.assignPfns(new long[] {3, 4});
    assertArrayEquals(new long[] {3, 4}, m.pfns());
  }
}
