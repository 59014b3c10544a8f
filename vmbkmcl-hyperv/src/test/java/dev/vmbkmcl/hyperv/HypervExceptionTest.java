package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vmbkmcl.NtStatus;
import org.junit.jupiter.api.Test;

class HypervExceptionTest {

  @Test
  void statusCodesAreTheRealNtstatusValues() {
    // Values typed from kmcl-api.md §4.5: the backend's failures carry the api's own constants.
    assertEquals(0xC00000BB, NtStatus.STATUS_NOT_SUPPORTED.value());
    assertEquals(0xC0000225, NtStatus.STATUS_NOT_FOUND.value());
    assertEquals(0xC0000022, NtStatus.STATUS_ACCESS_DENIED.value());
    assertEquals(0xC00002B6, NtStatus.STATUS_DEVICE_REMOVED.value());
    assertEquals(0xC0000184, NtStatus.STATUS_INVALID_DEVICE_STATE.value());
    assertEquals(0xC0000001, NtStatus.STATUS_UNSUCCESSFUL.value());
  }

  @Test
  void messageStartsWithTheReadableStatus() {
    HypervException e = new HypervException(NtStatus.STATUS_DEVICE_REMOVED, "gone");

    assertEquals("STATUS_DEVICE_REMOVED (0xC00002B6): gone", e.getMessage());
    assertSame(NtStatus.STATUS_DEVICE_REMOVED, e.status());
    assertEquals("gone", e.reason());
    assertEquals(new HypervError(NtStatus.STATUS_DEVICE_REMOVED, "gone"), e.error());
    assertEquals(e.getMessage(), e.error().toString());
    assertEquals("NTSTATUS 0x12345678: odd",
        new HypervException(NtStatus.valueOf(0x12345678), "odd").getMessage());
  }
}
