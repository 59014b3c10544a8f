package dev.vmbkmcl.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Full boundary (§8.5), reader pending_send_sz decisions (§8.6), writer signals (§3.3). */
class FlowControlTest {
  private static final ByteBuffer FIVE = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5});

  private final ByteBuffer memory = TestRings.memory(4096);
  private final IncomingPacket p = new IncomingPacket();

  @Test
  void fullBoundary_8_5() {
    Ring refused = TestRings.ring(memory, 0xFE0, 0);
    RingWriter w = new RingWriter(refused);
    assertEquals(32, w.freeBytes());
    assertEquals(RingWriter.FULL, w.write(6, 0, 1, null, FIVE), "free 32 <= T 32");
    assertEquals(0xFE0, refused.writeIndex());
    assertEquals(TestRings.FILL, TestRings.data(memory, 0xFE0, 1)[0], "nothing written");

    Ring accepted = TestRings.ring(TestRings.memory(4096), 0xFD8, 0);
    RingWriter w2 = new RingWriter(accepted);
    assertEquals(40, w2.freeBytes());
    assertEquals(RingWriter.WRITTEN, w2.write(6, 0, 1, null, FIVE));
    assertEquals(0xFF8, accepted.writeIndex());
    assertEquals(8, w2.freeBytes());
  }

  /** Fills a ring from r = 0 with 32-byte packets up to w = 4032 (free 64), as in §8.6. */
  private Ring blockedHost(int pending) {
    Ring ring = TestRings.ring(memory, 0, 0);
    RingWriter host = new RingWriter(ring);
    for (int i = 0; i < 4032 / 32; i++) {
      assertEquals(RingWriter.APPENDED, host.append(6, 0, i, null, FIVE));
    }
    host.publish();
    assertEquals(4032, ring.writeIndex());
    memory.putInt(RingControlLayout.PENDING_SEND_SIZE, pending);
    return ring;
  }

  @Test
  void oneReadCrossingPendingSignals_8_6() {
    RingReader guest = new RingReader(blockedHost(72));
    assertEquals(RingReader.PACKET, guest.read(p));
    assertTrue(guest.commit(), "64 <= 72 < 96");
  }

  @Test
  void signalOnlyWhenFreeExceedsPending_8_6() {
    RingReader guest = new RingReader(blockedHost(96));
    guest.read(p);
    assertFalse(guest.commit(), "96 is not > 96");
    guest.read(p);
    assertTrue(guest.commit(), "96 <= 96 < 128");
  }

  @Test
  void batchCommitSignalsOnceForTheCrossing() {
    RingReader guest = new RingReader(blockedHost(72));
    for (int i = 0; i < 5; i++) {
      guest.read(p);
    }
    assertTrue(guest.commit(), "64 <= 72 < 224");
    guest.read(p);
    assertFalse(guest.commit(), "was not blocked any more: 224 > 72");
  }

  @Test
  void writerThatWasNotBlockedIsNotSignalled_8_6() {
    // Free 200 before the read: 121 packets of 32 bytes and one of 24 (3896 bytes used).
    Ring ring = TestRings.ring(memory, 0, 0);
    RingWriter host = new RingWriter(ring);
    for (int i = 0; i < 121; i++) {
      host.append(6, 0, i, null, FIVE);
    }
    host.append(6, 0, 121, null, null);
    host.publish();
    assertEquals(200, host.freeBytes());
    memory.putInt(RingControlLayout.PENDING_SEND_SIZE, 72);
    RingReader guest = new RingReader(ring);
    guest.read(p);
    assertFalse(guest.commit(), "200 -> 232 with pending 72");
  }

  @Test
  void noPendingMeansNoSignal_8_6() {
    RingReader guest = new RingReader(blockedHost(0));
    guest.read(p);
    assertFalse(guest.commit());
  }

  @Test
  void pendingLowBitsAreIgnored() {
    // 0x4F masks to 72, as OpenVMM does for writers that store odd sizes (§3.4).
    RingReader guest = new RingReader(blockedHost(0x4F));
    guest.read(p);
    assertTrue(guest.commit());
  }

  @Test
  void noSignalWithoutTheFeatureBit() {
    Ring ring = blockedHost(72);
    memory.putInt(RingControlLayout.FEATURE_BITS, 0);
    RingReader guest = new RingReader(ring);
    guest.read(p);
    assertFalse(guest.commit(), "old writer polls (§3.6 step 1)");
    assertEquals(32, ring.readIndex(), "read_index is still stored");
  }

  @Test
  void maskedReaderGetsNoSignalForABurst() {
    Ring ring = TestRings.ring(memory, 0, 0);
    RingWriter w = new RingWriter(ring);
    RingReader r = new RingReader(ring);
    r.maskInterrupts();
    assertEquals(1, ring.interruptMask());
    int signals = 0;
    for (int i = 0; i < 10_000; i++) {
      int rc = w.write(6, 0, i, null, FIVE);
      if (rc == RingWriter.FULL) {
        while (r.read(p) == RingReader.PACKET) {
          // draining
        }
        r.commit();
        rc = w.write(6, 0, i, null, FIVE);
      }
      assertTrue(rc == RingWriter.WRITTEN || rc == RingWriter.WRITTEN_SIGNAL, "packet " + i);
      signals += rc == RingWriter.WRITTEN_SIGNAL ? 1 : 0;
      if (i % 7 == 0) {
        while (r.read(p) == RingReader.PACKET) {
          // draining to empty, so only the mask prevents the signal
        }
        r.commit();
      }
    }
    assertEquals(0, signals);
  }

  @Test
  void emptyToNonEmptySignalsExactlyOnce() {
    Ring ring = TestRings.ring(memory, 0, 0);
    RingWriter w = new RingWriter(ring);
    RingReader r = new RingReader(ring);
    assertEquals(RingWriter.WRITTEN_SIGNAL, w.write(6, 0, 0, null, FIVE));
    for (int i = 1; i < 50; i++) {
      assertEquals(RingWriter.WRITTEN, w.write(6, 0, i, null, FIVE), "ring not empty, packet " + i);
    }
    r.read(p);
    r.commit();
    assertEquals(RingWriter.WRITTEN, w.write(6, 0, 50, null, FIVE), "reader not caught up");
    while (r.read(p) == RingReader.PACKET) {
      // draining
    }
    r.commit();
    assertTrue(r.unmaskAndCheckEmpty());
    assertEquals(RingWriter.WRITTEN_SIGNAL, w.write(6, 0, 51, null, FIVE), "empty again");
  }

  @Test
  void unmaskSeesPacketsThatArrivedWhileMasked() {
    Ring ring = TestRings.ring(memory, 0, 0);
    RingWriter w = new RingWriter(ring);
    RingReader r = new RingReader(ring);
    r.maskInterrupts();
    assertEquals(RingWriter.WRITTEN, w.write(6, 0, 1, null, FIVE), "masked: no signal");
    assertFalse(r.unmaskAndCheckEmpty(), "must keep draining, no interrupt will come");
    assertEquals(0, ring.interruptMask());
    assertEquals(32, r.bytesAvailable());
  }

  @Test
  void batchPublishUsesTheIndexFromBeforeTheBatch() {
    Ring ring = TestRings.ring(memory, 0, 0);
    RingWriter w = new RingWriter(ring);
    for (int i = 0; i < 3; i++) {
      assertEquals(RingWriter.APPENDED, w.append(6, 0, i, null, FIVE));
    }
    assertEquals(0, ring.writeIndex(), "not published yet");
    assertTrue(w.publish());
    assertEquals(96, ring.writeIndex());
    assertFalse(w.publish(), "nothing new");
  }

  @Test
  void abandonRevertsAHalfWrittenBatch() {
    Ring ring = TestRings.ring(memory, 0, 0);
    RingWriter w = new RingWriter(ring);
    w.write(6, 0, 1, null, FIVE);
    w.append(6, 0, 2, null, FIVE);
    w.append(6, 0, 3, null, FIVE);
    w.abandon();
    assertFalse(w.publish());
    assertEquals(32, ring.writeIndex());
    assertEquals(RingWriter.WRITTEN, w.write(6, 0, 4, null, FIVE));
    RingReader r = new RingReader(ring);
    r.read(p);
    assertEquals(RingReader.PACKET, r.read(p));
    assertEquals(4, p.transactionId(), "the abandoned packets are gone");
    assertEquals(RingReader.EMPTY, r.read(p));
  }

  @Test
  void blockedWriterRequestsSpaceAndIsWokenByTheReader() {
    Ring ring = TestRings.ring(memory, 0, 0);
    RingWriter w = new RingWriter(ring);
    RingReader r = new RingReader(ring);
    int sent = 0;
    while (w.write(6, 0, sent, null, FIVE) != RingWriter.FULL) {
      sent++;
    }
    int needed = PacketLayout.ringBytes(0, 5);
    assertFalse(w.requestSpace(needed), "still full: wait for the signal");
    assertEquals(needed, ring.pendingSendSize());

    r.read(p);
    assertTrue(r.commit(), "the reader sees the request and signals");
    assertEquals(RingWriter.WRITTEN, w.write(6, 0, sent, null, FIVE));
    w.clearSpaceRequest();
    assertEquals(0, ring.pendingSendSize());
  }

  @Test
  void requestSpaceRechecksAfterPublishing() {
    Ring ring = TestRings.ring(memory, 0, 0);
    RingWriter w = new RingWriter(ring);
    RingReader r = new RingReader(ring);
    int sent = 0;
    while (w.write(6, 0, sent, null, FIVE) != RingWriter.FULL) {
      sent++;
    }
    // The reader frees space before it could see a request: it does not signal...
    r.read(p);
    assertFalse(r.commit());
    // ...so the writer's re-check after the fence must find the space itself (§3.4).
    assertTrue(w.requestSpace(PacketLayout.ringBytes(0, 5)));
    assertEquals(RingWriter.WRITTEN, w.write(6, 0, sent, null, FIVE));
  }

  @Test
  void packetsThatCanNeverFitAreTooLarge() {
    Ring ring = TestRings.ring(memory, 0, 0);
    RingWriter w = new RingWriter(ring);
    // total = align8(16 + P) + 8 >= dsize can never fit; dsize - 8 is the largest total that can.
    assertEquals(RingWriter.TOO_LARGE, w.write(6, 0, 1, null, ByteBuffer.allocate(4096 - 24 + 1)));
    assertEquals(RingWriter.TOO_LARGE, w.write(6, 0, 1, null, ByteBuffer.allocate(4096 - 24)));
    assertEquals(RingWriter.WRITTEN_SIGNAL, w.write(6, 0, 1, null, ByteBuffer.allocate(4096 - 32)));
    assertEquals(4096 - 8, ring.writeIndex());
    assertEquals(8, w.freeBytes());
  }

  @Test
  void len8IsLimitedTo16Bits() {
    ByteBuffer big = TestRings.memory(1 << 20);
    Ring ring = TestRings.ring(big, 0, 0);
    RingWriter w = new RingWriter(ring);
    int maxPayload = PacketLayout.MAX_PACKET_BYTES - 16;
    assertEquals(RingWriter.TOO_LARGE, w.write(6, 0, 1, null, ByteBuffer.allocate(maxPayload + 1)));
    assertEquals(RingWriter.WRITTEN_SIGNAL,
        w.write(6, 0, 2, null, ByteBuffer.allocate(maxPayload)));
    RingReader r = new RingReader(ring);
    assertEquals(RingReader.PACKET, r.read(p));
    assertEquals(0xFFFF, p.len8());
    assertEquals(maxPayload, p.payloadLength());
  }
}
