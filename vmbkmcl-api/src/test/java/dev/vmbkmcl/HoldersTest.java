package dev.vmbkmcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The out-parameter holders ({@code T*}, {@code PUINT16/32/64}) and {@code HANDLE}. */
class HoldersTest {
  @Test
  void aRefStartsEmptyAndHoldsWhatIsSet() {
    Ref<String> ref = new Ref<>();
    assertNull(ref.get());
    IllegalStateException e = assertThrows(IllegalStateException.class, ref::require);
    assertEquals("Ref holds no value", e.getMessage());
    ref.set("x");
    assertSame("x", ref.get());
    assertSame("x", ref.require());
    assertEquals("Ref(x)", ref.toString());
    ref.set(null);
    assertNull(ref.get());
  }

  @Test
  void aRefCanStartWithAValue() {
    assertEquals("y", new Ref<>("y").require());
  }

  @Test
  void uint16HolderKeepsItsValue() {
    UInt16Ref r = new UInt16Ref(65535);
    assertEquals(65535, r.get());
    r.set(7);
    assertEquals(7, r.get());
    assertEquals(0, new UInt16Ref().get());
    assertEquals("PUINT16(7)", r.toString());
  }

  @Test
  void uint32HolderPrintsUnsigned() {
    UInt32Ref r = new UInt32Ref(-1);
    assertEquals(-1, r.get());
    assertEquals(4_294_967_295L, Integer.toUnsignedLong(r.get()));
    assertEquals("PUINT32(4294967295)", r.toString());
    r.set(8);
    assertEquals(8, r.get());
    assertEquals(0, new UInt32Ref().get());
  }

  @Test
  void uint64HolderPrintsUnsigned() {
    UInt64Ref r = new UInt64Ref(-1L);
    assertEquals("PUINT64(18446744073709551615)", r.toString());
    r.set(1L << 40);
    assertEquals(1L << 40, r.get());
    assertEquals(0L, new UInt64Ref().get());
  }

  @Test
  void handlesAreUserOrKernelValues() {
    Handle user = Handle.user(5);
    assertFalse(user.kernel());
    assertEquals(5, user.value());
    assertTrue(new Handle(5, true).kernel());
    assertEquals(new Handle(5, false), user);
  }

  @Test
  void aDeviceObjectNamesItsBackend() {
    FacadeFixture f = new FacadeFixture();
    assertSame(f.backend, f.device.backend());
    assertEquals("test-device", f.device.name());
    assertEquals("DEVICE_OBJECT(test-device)", f.device.toString());
  }
}
