package dev.vmbkmcl.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmbkmcl.ring.IncomingPacket;
import dev.vmbkmcl.ring.Ring;
import dev.vmbkmcl.ring.RingReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * {@link RingReader} over arbitrary control pages and data areas, with a peer that rewrites any
 * aligned word of the ring between two reads (the peer owns the memory and may change it at any
 * time, reference §2.10 item 7). Every read must give exactly what {@link RingOracle} derives from
 * the reference; the reader may write only read_index and interrupt_mask and nothing outside the
 * ring; it never throws; and it stops within a bound (no loop without progress).
 *
 * <p>Input layout (little-endian; missing bytes read as 0):
 *
 * <pre>
 *  0  u32 write_index      4  u32 read_index     8  u32 pending_send_sz   12 u32 feature_bits
 *  16 u16 size: data area = 64 + 8 * (size % 512) bytes
 *  18 u8  peer writes (0..8, count % 9)          19 u8 options: bit 0 commit after each read,
 *                                                   bit 1 mask while draining and unmask at the end
 *  20 per peer write: u8 before-read number, u8 unused, u16 word index, u32 value
 *  .. the data area's first bytes
 * </pre>
 */
class RingReaderFuzzTest {
  private static final int GUARD = 64;
  private static final byte GUARD_BYTE = (byte) 0xA5;

  /** One aligned 32-bit store the hostile peer makes before a given read. */
  private record PeerWrite(int beforeRead, int offset, int value) {}

  @FuzzTest(maxDuration = "5m")
  void readerAgreesWithTheReferenceOnAnyRing(byte[] input) {
    FuzzBytes in = new FuzzBytes(input);
    int w = in.u32();
    int r = in.u32();
    int pending = in.u32();
    int features = in.u32();
    int dataSize = 64 + 8 * (in.u16() % 512);
    int ringSize = RingOracle.CONTROL + dataSize;
    int writes = in.u8() % 9;
    int options = in.u8();
    PeerWrite[] peer = new PeerWrite[writes];
    for (int i = 0; i < writes; i++) {
      int before = in.u8();
      in.u8();
      int word = in.u16();
      peer[i] = new PeerWrite(before, 4 * (word % (ringSize / 4)), in.u32());
    }
    byte[] data = in.rest();

    ByteBuffer whole = ByteBuffer.allocate(GUARD + ringSize + GUARD).order(ByteOrder.LITTLE_ENDIAN);
    Arrays.fill(whole.array(), GUARD_BYTE);
    ByteBuffer ring = whole.slice(GUARD, ringSize).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < ringSize; i++) {
      ring.put(i, (byte) 0);
    }
    ring.putInt(0, w).putInt(4, r).putInt(8, 0).putInt(12, pending).putInt(64, features);
    ring.put(RingOracle.CONTROL, data, 0, Math.min(data.length, dataSize));

    RingReader reader = new RingReader(Ring.wrap(ring));
    byte[] shadow = bytes(ring);
    boolean commitEach = (options & 1) != 0;
    boolean masking = (options & 2) != 0;
    if (!RingOracle.validIndex(Integer.toUnsignedLong(r), dataSize)) {
      assertTrue(reader.isCorrupt(), "a read_index outside the data area is corruption");
      assertEquals(RingReader.CORRUPT, reader.read(new IncomingPacket()));
      assertFalse(reader.commit());
      assertUnchangedOutsideOwnFields(whole, ring, shadow);
      return;
    }

    int cursor = r;
    int committed = r;
    IncomingPacket packet = new IncomingPacket();
    // Each packet takes at least 24 bytes of the fewer than dsize published; only a peer write
    // can publish more.
    int bound = (writes + 1) * (dataSize / 24 + 1);
    int packets = 0;
    if (masking) {
      reader.maskInterrupts();
      assertEquals(1, ring.getInt(8));
      shadow = withInt(shadow, 8, 1);
    }
    for (int step = 0; ; step++) {
      for (PeerWrite p : peer) {
        if (p.beforeRead() == step) {
          ring.putInt(p.offset(), p.value());
          shadow = withInt(shadow, p.offset(), p.value());
        }
      }
      RingOracle.Verdict expected = RingOracle.read(ring, cursor);
      int at = cursor;
      int rc = reader.read(packet);
      int read = step;
      assertEquals(RingOracle.readerCode(expected.kind()), rc, () -> "read " + read + " at " + at
          + " gave " + rc + ", the reference says " + expected.kind() + "; " + reader.corruption());
      assertUnchangedOutsideOwnFields(whole, ring, shadow);
      if (rc == RingReader.CORRUPT) {
        assertNotNull(reader.corruption());
        assertEquals(RingReader.CORRUPT, reader.read(packet), "corruption is sticky");
        assertFalse(reader.commit(), "a corrupt reader never signals");
        assertEquals(0, reader.bytesAvailable());
        assertUnchangedOutsideOwnFields(whole, ring, shadow);
        return;
      }
      if (rc == RingReader.PACKET) {
        assertPacket(expected, packet);
        cursor = expected.next();
        if (++packets > bound) {
          fail("more than " + bound + " packets without running dry: a loop without progress");
        }
      }
      if (commitEach || rc == RingReader.EMPTY) {
        boolean signal = RingOracle.signalAfterCommit(ring, committed, cursor);
        boolean becomesCorrupt = cursor != committed && (ring.getInt(64) & 1) != 0
            && (ring.getInt(12) & ~7) != 0
            && !RingOracle.validIndex(Integer.toUnsignedLong(ring.getInt(0)), dataSize);
        assertEquals(signal, reader.commit(), "§3.6 signal decision");
        assertEquals(becomesCorrupt, reader.isCorrupt(), "commit with a bad write_index");
        if (cursor != committed) {
          assertEquals(cursor, ring.getInt(4), "commit stores read_index = end of the last read");
          shadow = withInt(shadow, 4, cursor);
          committed = cursor;
        }
        assertUnchangedOutsideOwnFields(whole, ring, shadow);
        if (becomesCorrupt) {
          return;
        }
      }
      if (rc == RingReader.EMPTY) {
        int nextWrite = nextWrite(peer, step);
        if (nextWrite < 0) {
          if (masking) {
            boolean empty = reader.unmaskAndCheckEmpty();
            assertEquals(0, ring.getInt(8));
            assertEquals(RingOracle.read(ring, cursor).kind() == RingOracle.Kind.EMPTY, empty);
          }
          return;
        }
        // Nothing changes until the peer writes again: go straight to that read.
        step = nextWrite - 1;
      }
    }
  }

  private static void assertPacket(RingOracle.Verdict expected, IncomingPacket packet) {
    assertEquals(expected.type(), packet.type());
    assertEquals(expected.offset8(), packet.offset8());
    assertEquals(expected.len8(), packet.len8());
    assertEquals(expected.flags(), packet.flags());
    assertEquals(expected.transactionId(), packet.transactionId());
    ByteBuffer copy = packet.buffer();
    assertEquals(0, copy.position());
    assertEquals(expected.packet().length, copy.limit());
    byte[] got = new byte[copy.limit()];
    copy.get(0, got);
    assertArrayEquals(expected.packet(), got, "the packet is copied out of the ring unchanged");
    assertEquals(8 * expected.offset8(), packet.payloadOffset());
    assertEquals(8 * (expected.len8() - expected.offset8()), packet.payloadLength());
  }

  /** The first read after {@code step} that a peer write precedes, or -1. */
  private static int nextWrite(PeerWrite[] peer, int step) {
    int next = -1;
    for (PeerWrite p : peer) {
      if (p.beforeRead() > step && (next < 0 || p.beforeRead() < next)) {
        next = p.beforeRead();
      }
    }
    return next;
  }

  /** The guards are intact and the ring equals {@code shadow} (our own expectation of it). */
  private static void assertUnchangedOutsideOwnFields(ByteBuffer whole, ByteBuffer ring,
      byte[] shadow) {
    for (int i = 0; i < GUARD; i++) {
      assertEquals(GUARD_BYTE, whole.get(i), "write before the ring");
      assertEquals(GUARD_BYTE, whole.get(whole.capacity() - 1 - i), "write after the ring");
    }
    byte[] now = bytes(ring);
    // The reader owns interrupt_mask; its value is checked where the test expects a change.
    System.arraycopy(shadow, 8, now, 8, 4);
    assertArrayEquals(shadow, now, "the reader wrote ring bytes it does not own");
  }

  private static byte[] bytes(ByteBuffer ring) {
    byte[] b = new byte[ring.capacity()];
    ring.get(0, b);
    return b;
  }

  private static byte[] withInt(byte[] shadow, int offset, int value) {
    byte[] copy = shadow.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
    return copy;
  }
}
