package dev.vmbkmcl.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Wrapping memory as a ring (§1.1, §1.4) and initializing its control page (§1.7). */
class RingTest {
  @Test
  void wrapsTheRemainingBytesWithoutTouchingThem() {
    ByteBuffer pair = ByteBuffer.allocateDirect(2 * (4096 + 4096)).order(ByteOrder.BIG_ENDIAN);
    pair.put(4096 + 4096, (byte) 0x28); // write_index 0x28 in little-endian bytes
    pair.position(4096 + 4096);
    Ring rx = Ring.wrap(pair);
    assertEquals(4096, rx.dataSize());
    assertEquals(0x28, rx.writeIndex(), "little-endian view of the second ring");
    assertEquals(4096 + 4096, pair.position());
    assertEquals(ByteOrder.BIG_ENDIAN, pair.order());
    assertEquals(0x28000000, pair.getInt(4096 + 4096), "memory unchanged");
  }

  @Test
  void rejectsSizesThatDoNotMakeARing() {
    IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
        () -> Ring.wrap(ByteBuffer.allocateDirect(4096 + 56)));
    assertTrue(String.valueOf(small.getMessage()).contains("4152 bytes"), small.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Ring.wrap(ByteBuffer.allocateDirect(4096 + 68)));
    assertThrows(IllegalArgumentException.class, () -> Ring.wrap(ByteBuffer.allocateDirect(100)));
    assertEquals(64, Ring.wrap(ByteBuffer.allocateDirect(4096 + 64)).dataSize());
  }

  @Test
  void rejectsUnalignedDirectMemory() {
    ByteBuffer m = ByteBuffer.allocateDirect(4096 + 4096 + 8);
    int misaligned = m.alignmentOffset(0, 8) == 0 ? 4 : 0;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Ring.wrap(m.slice(misaligned, 8192)));
    assertTrue(String.valueOf(e.getMessage()).contains("aligned"), e.getMessage());
  }

  @Test
  void initializeZeroesTheControlPageAndSetsTheFeatureBit() {
    ByteBuffer m = TestRings.memory(4096);
    for (int i = 0; i < 4096; i++) {
      m.put(i, (byte) 0x77);
    }
    Ring ring = Ring.wrap(m);
    ring.initialize(true);
    for (int i = 0; i < 4096; i += 4) {
      assertEquals(i == RingControlLayout.FEATURE_BITS ? 1 : 0, m.getInt(i), "offset " + i);
    }
    assertEquals(TestRings.FILL, m.get(4096), "data area untouched");
    assertEquals(1, ring.featureBits());
    ring.initialize(false);
    assertEquals(0, ring.featureBits());
  }

  @Test
  void gettersReadTheDocumentedOffsets() {
    ByteBuffer m = TestRings.memory(4096);
    m.putInt(0, 0x10).putInt(4, 0x20).putInt(8, 1).putInt(12, 72).putInt(64, 1);
    Ring ring = Ring.wrap(m);
    assertEquals(0x10, ring.writeIndex());
    assertEquals(0x20, ring.readIndex());
    assertEquals(1, ring.interruptMask());
    assertEquals(72, ring.pendingSendSize());
    assertEquals(1, ring.featureBits());
  }
}
