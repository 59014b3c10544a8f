package dev.vmbkmcl.ring;

import static dev.vmbkmcl.ring.TestRings.data;
import static dev.vmbkmcl.ring.TestRings.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The writer's payload-range overloads: the bytes of a range inside a larger buffer land exactly as
 * the reference's §8.1 vector, whatever the buffer's position and limit, and a bad range is refused.
 */
class WriterRangeTest {
  private static final long ID = 0x1122334455667788L;

  private final ByteBuffer memory = TestRings.memory(4096);

  /** The §8.1 payload 01..05 at index 3 of a buffer whose position and limit point elsewhere. */
  private static ByteBuffer surroundedPayload() {
    ByteBuffer b = ByteBuffer.wrap(hex("aa bb cc 01 02 03 04 05 dd ee"));
    b.position(8).limit(9);
    return b;
  }

  @Test
  void aRangeIsWrittenAsThe_8_1_Packet() {
    Ring ring = TestRings.ring(memory, 0, 0);
    RingWriter w = new RingWriter(ring);
    ByteBuffer payload = surroundedPayload();

    assertEquals(RingWriter.WRITTEN_SIGNAL, w.write(6, 0, ID, null, payload, 3, 5));

    assertArrayEquals(hex("06 00 02 00 03 00 00 00 88 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 00 00 00 00 00 00 00 00"), data(memory, 0, 32));
    assertEquals(0x20, ring.writeIndex());
    assertEquals(8, payload.position(), "position unchanged");
    assertEquals(9, payload.limit(), "limit unchanged");
  }

  @Test
  void anEmptyRangeWithoutABufferIsADescriptorOnly() {
    RingWriter w = new RingWriter(TestRings.ring(memory, 0, 0));

    assertEquals(RingWriter.APPENDED, w.append(0x0B, 0, ID, null, null, 0, 0));

    // 16-byte descriptor, offset8 2, len8 2, then the trailer (start 0).
    assertArrayEquals(hex("0b 00 02 00 02 00 00 00 88 77 66 55 44 33 22 11"
        + " 00 00 00 00 00 00 00 00"), data(memory, 0, 24));
  }

  @Test
  void aRangeOutsideTheLimitOrWithoutABufferIsRefused() {
    Ring ring = TestRings.ring(memory, 0, 0);
    RingWriter w = new RingWriter(ring);
    ByteBuffer payload = ByteBuffer.allocate(16).limit(8);

    assertThrows(IndexOutOfBoundsException.class, () -> w.write(6, 0, ID, null, payload, 4, 5));
    assertThrows(IndexOutOfBoundsException.class, () -> w.write(6, 0, ID, null, payload, -1, 2));
    assertThrows(IllegalArgumentException.class, () -> w.write(6, 0, ID, null, null, 0, 1));
    assertEquals(0, ring.writeIndex(), "nothing was written");
  }
}
