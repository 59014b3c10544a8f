package dev.vmbkmcl.ring;

import static dev.vmbkmcl.ring.TestRings.hex;
import static dev.vmbkmcl.ring.TestRings.putData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the reader checklist (§2.10) and per bad index a writer can meet: each makes
 * the state machine CORRUPT with a reason, for good, without an exception or a stored index.
 */
class ValidationTest {
  /** §8.1 with its trailer: a sound 32-byte packet, used to show corruption is sticky. */
  private static final String SOUND = "06 00 02 00 03 00 00 00 88 77 66 55 44 33 22 11"
      + " 01 02 03 04 05 00 00 00 00 00 00 00 00 00 00 00";

  private final ByteBuffer memory = TestRings.memory(4096);
  private final IncomingPacket p = new IncomingPacket();

  /** A reader over a ring with {@code packet} at 0 and write_index {@code w}. */
  private RingReader reader(int w, String packet) {
    putData(memory, 0, hex(packet));
    return new RingReader(TestRings.ring(memory, w, 0));
  }

  /** CORRUPT with a reason naming {@code what}; still CORRUPT once the ring is sound again. */
  private void assertCorrupt(RingReader r, String what) {
    assertEquals(RingReader.CORRUPT, r.read(p));
    assertTrue(r.isCorrupt());
    String reason = r.corruption();
    assertTrue(reason != null && reason.contains(what), () -> "reason: " + reason);
    assertFalse(r.commit());
    assertEquals(0, memory.getInt(RingControlLayout.READ_INDEX), "read_index not stored");

    putData(memory, 0, hex(SOUND));
    memory.putInt(RingControlLayout.WRITE_INDEX, 0x20);
    assertEquals(RingReader.CORRUPT, r.read(p), "sticky");
    assertEquals(0, r.bytesAvailable());
    assertFalse(r.isEmpty(), "a corrupt ring is not safe to wait on");
    assertFalse(r.unmaskAndCheckEmpty());
  }

  @Test
  void writeIndexAtOrPastDataSize() {
    assertCorrupt(reader(4096, SOUND), "write_index 4096");
  }

  @Test
  void negativeWriteIndex() {
    assertCorrupt(reader(-8, SOUND), "write_index -8");
  }

  @Test
  void writeIndexNotMultipleOf8() {
    assertCorrupt(reader(0x1C, SOUND), "write_index 28");
  }

  @Test
  void readIndexInvalidAtStart() {
    putData(memory, 0, hex(SOUND));
    RingReader r = new RingReader(TestRings.ring(memory, 0x20, 0x1004));
    assertEquals(RingReader.CORRUPT, r.read(p));
    assertTrue(r.corruption() != null && r.corruption().contains("read_index 4100"));
    RingReader unaligned = new RingReader(TestRings.ring(memory, 0x20, 4));
    assertEquals(RingReader.CORRUPT, unaligned.read(p));
  }

  @Test
  void fewerBytesThanADescriptor() {
    assertCorrupt(reader(8, SOUND), "only 8 bytes");
  }

  @Test
  void len8ShorterThanTheDescriptor() {
    assertCorrupt(reader(0x20, "06 00 01 00 01 00 00 00 88 77 66 55 44 33 22 11"
        + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"), "len8 1");
  }

  @Test
  void offset8BelowTwo() {
    assertCorrupt(reader(0x20, "06 00 01 00 03 00 00 00 88 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 00 00 00 00 00 00 00 00"), "offset8 1");
  }

  @Test
  void offset8PastLen8() {
    assertCorrupt(reader(0x20, "06 00 04 00 03 00 00 00 88 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 00 00 00 00 00 00 00 00"), "offset8 4");
  }

  @Test
  void packetLongerThanPublished() {
    // len8 3 needs 24 + 8 trailer = 32 bytes; only 24 are published.
    assertCorrupt(reader(0x18, SOUND), "exceeds the 24 bytes published");
  }

  @Test
  void hugeLen8PastTheRing() {
    assertCorrupt(reader(0x20, "06 00 02 00 ff ff 00 00 88 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 00 00 00 00 00 00 00 00"), "524280 bytes");
  }

  @Test
  void flagsOtherThanCompletionRequested() {
    assertCorrupt(reader(0x20, "06 00 02 00 03 00 02 00 88 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 00 00 00 00 00 00 00 00"), "flags 0x2");
  }

  @Test
  void unknownPacketType() {
    assertCorrupt(reader(0x20, "08 00 02 00 03 00 00 00 88 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 00 00 00 00 00 00 00 00"), "type 0x8");
  }

  @Test
  void gpaDirectWithoutItsHeader() {
    assertCorrupt(reader(0x18, "09 00 02 00 02 00 01 00 01 00 00 00 00 00 00 00"
        + " 00 00 00 00 00 00 00 00"), "no room");
  }

  @Test
  void gpaDirectWithZeroRanges() {
    assertCorrupt(reader(0x20, "09 00 03 00 03 00 01 00 01 00 00 00 00 00 00 00"
        + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"), "range_count is 0");
  }

  @Test
  void gpaDirectRangePastOffset8() {
    // byte_count 0x2000 at offset 0 needs two PFNs (32-byte header); offset8 5 has room for one.
    assertCorrupt(reader(0x30, "09 00 05 00 05 00 01 00 01 00 00 00 00 00 00 00"
        + " 00 00 00 00 01 00 00 00 00 20 00 00 00 00 00 00"
        + " 45 23 01 00 00 00 00 00 00 00 00 00 00 00 00 00"), "runs past offset8*8");
  }

  @Test
  void gpaDirectRangeCountPastOffset8() {
    assertCorrupt(reader(0x30, "09 00 05 00 05 00 01 00 01 00 00 00 00 00 00 00"
        + " 00 00 00 00 02 00 00 00 20 00 00 00 10 00 00 00"
        + " 45 23 01 00 00 00 00 00 00 00 00 00 00 00 00 00"), "range_count 2");
  }

  @Test
  void gpaDirectByteOffsetNotInFirstPage() {
    assertCorrupt(reader(0x30, "09 00 05 00 05 00 01 00 01 00 00 00 00 00 00 00"
        + " 00 00 00 00 01 00 00 00 01 00 00 00 00 10 00 00"
        + " 45 23 01 00 00 00 00 00 00 00 00 00 00 00 00 00"), "byte_offset");
  }

  @Test
  void transferPageRangesPastOffset8() {
    assertCorrupt(reader(0x28, "07 00 03 00 04 00 00 00 01 00 00 00 00 00 00 00"
        + " 01 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00"
        + " 00 00 00 00 00 00 00 00"), "transfer-page range_count 1");
  }

  @Test
  void writerRejectsAnInvalidReadIndex() {
    Ring ring = TestRings.ring(memory, 0, 4096);
    RingWriter w = new RingWriter(ring);
    ByteBuffer five = ByteBuffer.wrap(new byte[5]);
    assertEquals(RingWriter.CORRUPT, w.write(6, 0, 1, null, five));
    assertTrue(w.corruption() != null && w.corruption().contains("read_index 4096"));
    assertEquals(0, ring.writeIndex());
    assertEquals(TestRings.FILL, TestRings.data(memory, 0, 1)[0], "nothing written");

    memory.putInt(RingControlLayout.READ_INDEX, 0);
    assertEquals(RingWriter.CORRUPT, w.write(6, 0, 1, null, five), "sticky");
    assertEquals(0, w.freeBytes());
    assertTrue(w.requestSpace(32), "retry at once and see CORRUPT");
  }

  @Test
  void writerRejectsAnUnalignedReadIndex() {
    RingWriter w = new RingWriter(TestRings.ring(memory, 0, 12));
    assertEquals(0, w.freeBytes());
    assertTrue(w.isCorrupt());
    assertEquals(RingWriter.CORRUPT, w.write(6, 0, 1, null, null));
  }

  @Test
  void writerRejectsItsOwnInvalidIndexAtStart() {
    RingWriter w = new RingWriter(TestRings.ring(memory, 4100, 0));
    assertEquals(RingWriter.CORRUPT, w.write(6, 0, 1, null, null));
    assertTrue(w.corruption() != null && w.corruption().contains("write_index 4100"));
  }
}
