package dev.vmbkmcl.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tap's records written as pcapng and read back field by field. */
class PcapngRoundTripTest {
  private static final UUID DM = PacketText.DYNAMIC_MEMORY;
  private static final UUID INSTANCE = UUID.fromString("0c01d5b2-9603-455e-857f-66c437c1e9ba");

  @TempDir Path dir;

  @Test
  void everyKindOfRecordComesBackWithItsInterfaceDirectionAndBytes() throws Exception {
    Path file = dir.resolve("t.pcapng");
    ByteBuffer ring = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    // A 24-byte packet that starts 8 bytes before the ring's end, so its bytes wrap to 0.
    byte[] packet = new byte[24];
    for (int i = 0; i < packet.length; i++) {
      packet[i] = (byte) (i + 1);
      ring.put((56 + i) % 64, packet[i]);
    }
    ByteBuffer received = ByteBuffer.wrap(new byte[] {6, 0, 2, 0, 2, 0, 0, 0, 9, 0, 0, 0, 0, 0,
        0, 0});
    long before = System.currentTimeMillis() * 1_000_000L;
    try (PcapngWriter w = PcapngWriter.create(file)) {
      ChannelTap host = new ChannelTap(w, DM, INSTANCE, true);
      ChannelTap guest = new ChannelTap(w, DM, null, false);
      assertEquals(0, host.interfaceId());
      assertEquals(1, guest.interfaceId());
      guest.packetSent(ring, 56, 24, 56, 16);
      host.packetReceived(received, 0x40, 0x58);
      guest.signalSent();
      host.signalReceived();
      guest.ringFullWaited(1234);
      host.stateChanged("POISONED", "corrupt incoming ring: len8 1");
    }
    PcapngReader.Capture c = PcapngReader.read(file);
    assertEquals(2, c.interfaces().size());
    CaptureInterface h = c.interfaces().get(0);
    assertEquals(TapRecord.LINKTYPE, h.linkType());
    assertEquals("vmbus/" + INSTANCE, h.name());
    assertEquals(DM, h.classId());
    assertEquals(INSTANCE, h.instanceId());
    assertTrue(h.hostSide());
    assertEquals(null, c.interfaces().get(1).instanceId());
    assertEquals(6, c.records().size());

    CaptureRecord sent = c.records().get(0);
    assertEquals(1, sent.iface());
    assertEquals(TapRecord.OUTBOUND, sent.direction());
    assertEquals(TapRecord.KIND_PACKET, sent.kind());
    assertEquals(56, sent.a());
    assertEquals(16, sent.b());
    byte[] body = new byte[sent.body().limit()];
    sent.body().get(0, body);
    assertArrayEquals(packet, body);
    assertTrue(sent.epochNanos() >= before - 1_000_000_000L, "timestamp in nanoseconds since 1970");

    CaptureRecord in = c.records().get(1);
    assertEquals(0, in.iface());
    assertEquals(TapRecord.INBOUND, in.direction());
    assertEquals(6, in.packetType());
    assertEquals(9, in.transactionId());
    assertEquals(0x58, in.b());

    assertEquals(TapRecord.KIND_SIGNAL, c.records().get(2).kind());
    assertEquals(TapRecord.OUTBOUND, c.records().get(2).direction());
    assertEquals(TapRecord.INBOUND, c.records().get(3).direction());
    assertEquals(1234, c.records().get(4).a());
    assertEquals("POISONED", c.records().get(5).stateEvent());
    assertEquals("corrupt incoming ring: len8 1", c.records().get(5).stateDetail());
  }

  @Test
  void aClosedWriterDropsAndCountsLaterRecords() throws Exception {
    PcapngWriter w = PcapngWriter.create(dir.resolve("c.pcapng"));
    ChannelTap tap = new ChannelTap(w, DM, INSTANCE, false);
    w.close();
    tap.signalSent();
    tap.signalReceived();
    assertEquals(2, w.dropped());
    assertEquals(0, PcapngReader.read(dir.resolve("c.pcapng")).records().size());
  }

  @Test
  void aLargeCaptureSpillsItsBufferToTheFileInOrder() throws Exception {
    Path file = dir.resolve("big.pcapng");
    ByteBuffer ring = ByteBuffer.allocate(65536).order(ByteOrder.LITTLE_ENDIAN);
    try (PcapngWriter w = PcapngWriter.create(file)) {
      ChannelTap tap = new ChannelTap(w, DM, INSTANCE, false);
      for (int i = 0; i < 100; i++) {
        ring.putInt(0, i);
        tap.packetSent(ring, 0, 60000, i, i + 1);
      }
    }
    assertTrue(Files.size(file) > 6_000_000);
    PcapngReader.Capture c = PcapngReader.read(file);
    assertEquals(100, c.records().size());
    for (int i = 0; i < 100; i++) {
      assertEquals(i, c.records().get(i).a());
      assertEquals(i, c.records().get(i).body().getInt(0));
    }
  }
}
