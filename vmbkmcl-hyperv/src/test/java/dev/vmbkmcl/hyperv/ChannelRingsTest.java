package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vmbkmcl.NtStatus;
import org.junit.jupiter.api.Test;

class ChannelRingsTest {

  @Test
  void acceptsTheRingSizesOfTheReferenceTable() throws Exception {
    // §1.5: 2 MiB rings (map 0 = 4 MiB), fcopy 16 KiB and 20 KiB, unknown class 68 KiB.
    assertEquals(0x200000, ChannelRings.checkedRingSize(0x400000, 4096, "map0"));
    assertEquals(0x4000, ChannelRings.checkedRingSize(0x8000, 4096, "map0"));
    assertEquals(0x5000, ChannelRings.checkedRingSize(0xA000, 4096, "map0"));
    assertEquals(0x11000, ChannelRings.checkedRingSize(0x22000, 4096, "map0"));
    assertEquals(4096 + 8, ChannelRings.checkedRingSize(2 * (4096 + 8), 4096, "smallest"));
  }

  @Test
  void refusesSizesThatCannotHoldTwoRings() {
    long[] bad = {-2, 0, 1, 0x2000, 0x2002, 2L * (4096 + 4), 0x100000000L};
    for (long size : bad) {
      HypervException e =
          assertThrows(HypervException.class, () -> ChannelRings.checkedRingSize(size, 4096, "ring"));
      assertEquals(NtStatus.STATUS_NOT_SUPPORTED, e.status(), "size " + size);
    }
  }
}
