package dev.vmbkmcl.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PacketLayoutTest {
  @Test
  void lengthsMatchTheReferenceVectors() {
    // §8.1: 5-byte inband payload -> len8 3 (24 bytes), ring usage 32.
    assertEquals(24, PacketLayout.packetLength(0, 5));
    assertEquals(32, PacketLayout.ringBytes(0, 5));
    // §8.8: one-range GPA header (8 + 8 + one 8-byte PFN = 24 bytes, offset8 5) and an 8-byte
    // payload -> len8 6.
    assertEquals(48, PacketLayout.packetLength(24, 8));
    // §8.8 page-buffer form: header 8 + 2 * 16 bytes, offset8 = len8 = 7 (56 bytes), no payload.
    assertEquals(56, PacketLayout.packetLength(40, 0));
    // §8.6: a 72-byte request is a 64-byte packet.
    assertEquals(72, PacketLayout.ringBytes(0, 41));
    assertEquals(16, PacketLayout.packetLength(0, 0));
    assertEquals(0xFFFF * 8, PacketLayout.MAX_PACKET_BYTES);
  }

  @Test
  void nonsenseSizesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> PacketLayout.packetLength(-8, 0));
    assertThrows(IllegalArgumentException.class, () -> PacketLayout.ringBytes(0, -1));
    assertThrows(IllegalArgumentException.class,
        () -> PacketLayout.ringBytes(Integer.MAX_VALUE - 8, 8));
  }
}
