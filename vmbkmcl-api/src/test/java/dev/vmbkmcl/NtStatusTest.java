package dev.vmbkmcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code NTSTATUS}: the values of kmcl-api.md §4.5, {@code NT_SUCCESS}, names and interning. */
class NtStatusTest {
  /** kmcl-api.md §4.5 and the numbered invalid-parameter codes, as typed in from the reference. */
  private static final Map<String, Integer> REFERENCE = Map.ofEntries(
      Map.entry("STATUS_SUCCESS", 0x00000000),
      Map.entry("STATUS_TIMEOUT", 0x00000102),
      Map.entry("STATUS_PENDING", 0x00000103),
      Map.entry("STATUS_BUFFER_OVERFLOW", 0x80000005),
      Map.entry("STATUS_UNSUCCESSFUL", 0xC0000001),
      Map.entry("STATUS_INVALID_PARAMETER", 0xC000000D),
      Map.entry("STATUS_MORE_PROCESSING_REQUIRED", 0xC0000016),
      Map.entry("STATUS_NO_MEMORY", 0xC0000017),
      Map.entry("STATUS_BUFFER_TOO_SMALL", 0xC0000023),
      Map.entry("STATUS_INSUFFICIENT_RESOURCES", 0xC000009A),
      Map.entry("STATUS_DEVICE_NOT_READY", 0xC00000A3),
      Map.entry("STATUS_IO_TIMEOUT", 0xC00000B5),
      Map.entry("STATUS_NOT_SUPPORTED", 0xC00000BB),
      Map.entry("STATUS_INVALID_PARAMETER_1", 0xC00000EF),
      Map.entry("STATUS_INVALID_PARAMETER_2", 0xC00000F0),
      Map.entry("STATUS_INVALID_PARAMETER_3", 0xC00000F1),
      Map.entry("STATUS_INVALID_PARAMETER_4", 0xC00000F2),
      Map.entry("STATUS_CANCELLED", 0xC0000120),
      Map.entry("STATUS_INVALID_DEVICE_STATE", 0xC0000184),
      Map.entry("STATUS_NOT_FOUND", 0xC0000225),
      Map.entry("STATUS_CONNECTION_REFUSED", 0xC0000236),
      Map.entry("STATUS_DEVICE_REMOVED", 0xC00002B6));

  @Test
  void everyReferenceCodeHasItsNumericValue() throws Exception {
    for (Map.Entry<String, Integer> e : REFERENCE.entrySet()) {
      NtStatus status = (NtStatus) NtStatus.class.getField(e.getKey()).get(null);
      assertEquals(e.getValue().intValue(), status.value(), e.getKey());
      assertEquals(e.getKey(), status.name());
    }
  }

  @Test
  void invalidParameter5To8FollowInSequence() {
    assertEquals(0xC00000F3, NtStatus.STATUS_INVALID_PARAMETER_5.value());
    assertEquals(0xC00000F4, NtStatus.STATUS_INVALID_PARAMETER_6.value());
    assertEquals(0xC00000F5, NtStatus.STATUS_INVALID_PARAMETER_7.value());
    assertEquals(0xC00000F6, NtStatus.STATUS_INVALID_PARAMETER_8.value());
  }

  @Test
  void ntSuccessPassesSuccessAndInformationalCodes() {
    assertTrue(NtStatus.NT_SUCCESS(NtStatus.STATUS_SUCCESS));
    assertTrue(NtStatus.NT_SUCCESS(NtStatus.STATUS_PENDING));
    assertTrue(NtStatus.NT_SUCCESS(NtStatus.STATUS_TIMEOUT));
    assertTrue(NtStatus.NT_SUCCESS(NtStatus.valueOf(0x40000000)));
    assertTrue(NtStatus.NT_SUCCESS(NtStatus.valueOf(0x7FFFFFFF)));
  }

  @Test
  void ntSuccessFailsWarningsAndErrors() {
    assertFalse(NtStatus.NT_SUCCESS(NtStatus.STATUS_BUFFER_OVERFLOW));
    assertFalse(NtStatus.NT_SUCCESS(NtStatus.valueOf(0x80000000)));
    assertFalse(NtStatus.NT_SUCCESS(NtStatus.STATUS_MORE_PROCESSING_REQUIRED));
    assertFalse(NtStatus.NT_SUCCESS(NtStatus.STATUS_CANCELLED));
    assertFalse(NtStatus.NT_SUCCESS(NtStatus.valueOf(0xFFFFFFFF)));
    assertFalse(NtStatus.STATUS_CANCELLED.isSuccess());
  }

  @Test
  void toStringShowsNameAndEightHexDigits() {
    assertEquals("STATUS_CANCELLED (0xC0000120)", NtStatus.STATUS_CANCELLED.toString());
    assertEquals("STATUS_SUCCESS (0x00000000)", NtStatus.STATUS_SUCCESS.toString());
  }

  @Test
  void anUnknownCodeHasNoNameAndPrintsItsValue() {
    NtStatus unknown = NtStatus.valueOf(0xC0001234);
    assertNull(unknown.name());
    assertEquals("NTSTATUS 0xC0001234", unknown.toString());
    assertEquals(0xC0001234, unknown.value());
  }

  @Test
  void valueOfReturnsTheSharedConstantForEveryKnownCode() throws Exception {
    int checked = 0;
    for (Field field : NtStatus.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == NtStatus.class) {
        NtStatus constant = (NtStatus) field.get(null);
        assertSame(constant, NtStatus.valueOf(constant.value()), field.getName());
        checked++;
      }
    }
    assertTrue(checked >= REFERENCE.size() + 4);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 0xC00000EE, 0xC00000F7, 0x80000006})
  void codesNextToKnownOnesAreUnknown(int value) {
    assertNull(NtStatus.valueOf(value).name());
  }

  @Test
  void equalityFollowsTheValue() {
    assertEquals(NtStatus.valueOf(0x12345), NtStatus.valueOf(0x12345));
    assertEquals(NtStatus.valueOf(0x12345).hashCode(), NtStatus.valueOf(0x12345).hashCode());
    assertNotEquals(NtStatus.valueOf(0x12345), NtStatus.valueOf(0x12346));
    assertEquals(NtStatus.STATUS_CANCELLED, NtStatus.valueOf(0xC0000120));
  }
}
