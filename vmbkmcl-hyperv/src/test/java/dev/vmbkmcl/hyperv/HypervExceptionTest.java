package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HypervExceptionTest {

  @Test
  void statusCodesAreTheRealNtstatusValues() {
    // Values typed from kmcl-api.md §4.5.
    assertEquals(0xC00000BB, HypervException.STATUS_NOT_SUPPORTED);
    assertEquals(0xC0000225, HypervException.STATUS_NOT_FOUND);
    assertEquals(0xC0000022, HypervException.STATUS_ACCESS_DENIED);
    assertEquals(0xC00002B6, HypervException.STATUS_DEVICE_REMOVED);
    assertEquals(0xC0000184, HypervException.STATUS_INVALID_DEVICE_STATE);
    assertEquals(0xC0000001, HypervException.STATUS_UNSUCCESSFUL);
  }

  @Test
  void messageStartsWithTheReadableStatus() {
    HypervException e = new HypervException(HypervException.STATUS_DEVICE_REMOVED, "gone");

    assertEquals("STATUS_DEVICE_REMOVED (0xC00002B6): gone", e.getMessage());
    assertEquals(HypervException.STATUS_DEVICE_REMOVED, e.status());
    assertEquals("0x12345678", HypervException.statusName(0x12345678));
  }
}
