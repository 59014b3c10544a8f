package dev.vmbkmcl.sim.capture;

import static dev.vmbkmcl.Vmbkmcl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.capture.CaptureProvider;
import dev.vmbkmcl.capture.CaptureRecord;
import dev.vmbkmcl.capture.PcapngReader;
import dev.vmbkmcl.capture.PcapngWriter;
import dev.vmbkmcl.capture.TapRecord;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.ext.ChannelCapture;
import dev.vmbkmcl.observe.ChannelObserver;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimVmbus;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tap and the JFR events on both ends of a simulated channel. */
class ChannelCaptureOnSimTest {
  private static final UUID TYPE = UUID.fromString("5ca7c4e0-1600-4000-8000-000000000016");
  private static final UUID INSTANCE = UUID.fromString("5ca7c4e0-1600-4000-8000-000000000001");
  private static final int PACKETS = 300;

  @TempDir Path dir;

  /** One server (host) and one client (guest) channel, rings of one data page so packets wrap. */
  private static final class Pair {
    final CountDownLatch received = new CountDownLatch(PACKETS);
    final SimChannelPair pair = SimChannelPair.builder(new SimVmbus()).interfaceType(TYPE)
        .instance(INSTANCE).ringPages(2)
        .serverPackets((ch, pkt, buf, len, flags) -> {
          VmbChannelPacketComplete(pkt, null, 0);
          received.countDown();
        })
        .clientPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0))
        .allocate();
    final VMBCHANNEL server = pair.server();
    final VMBCHANNEL client = pair.client();

    /** Enables both, sends PACKETS inband packets of 1..200 bytes guest to host, disables. */
    void run() throws InterruptedException {
      pair.open();
      ByteBuffer payload = ByteBuffer.allocate(200);
      for (int i = 0; i < PACKETS; i++) {
        int length = 1 + (i * 37) % 200;
        payload.put(0, (byte) i);
        VMBPACKET p = VmbPacketAllocate(client);
        while (p == null) {
          Thread.onSpinWait();
          p = VmbPacketAllocate(client);
        }
        assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(p, payload, length, null, 0));
      }
      assertTrue(received.await(60, TimeUnit.SECONDS), "the host did not receive every packet");
      VmbChannelDisable(client);
      VmbChannelDisable(server);
      VmbChannelCleanup(client);
      VmbChannelCleanup(server);
    }
  }

  @Test
  void bothEndsRecordTheSamePacketsWithContinuousRingIndices() throws Exception {
    Path file = dir.resolve("pair.pcapng");
    Pair pair = new Pair();
    try (PcapngWriter w = PcapngWriter.create(file)) {
      ChannelCapture.tap(pair.server, w);
      ChannelCapture.tap(pair.client, w);
      pair.run();
    }
    PcapngReader.Capture c = PcapngReader.read(file);
    assertEquals(2, c.interfaces().size());
    assertTrue(c.interfaces().get(0).hostSide());
    assertEquals(INSTANCE, c.interfaces().get(1).instanceId());
    List<CaptureRecord> sent = c.records().stream()
        .filter(r -> r.iface() == 1 && r.isPacket() && r.direction() == TapRecord.OUTBOUND).toList();
    List<CaptureRecord> got = c.records().stream()
        .filter(r -> r.iface() == 0 && r.isPacket() && r.direction() == TapRecord.INBOUND).toList();
    assertEquals(PACKETS, sent.size());
    assertEquals(PACKETS, got.size());
    for (int i = 0; i < PACKETS; i++) {
      assertEquals(sent.get(i).body(), got.get(i).body(), "packet " + i + " differs");
      assertEquals((byte) i, sent.get(i).payload().get(0));
      assertEquals(sent.get(i).a(), got.get(i).a(), "write and read index before packet " + i);
      assertEquals(sent.get(i).b(), got.get(i).b());
      if (i > 0) {
        assertEquals(sent.get(i - 1).b(), sent.get(i).a(), "indices continue at packet " + i);
      }
    }
    List<String> clientStates = c.records().stream()
        .filter(r -> r.iface() == 1 && r.kind() == TapRecord.KIND_STATE)
        .map(CaptureRecord::stateEvent).toList();
    assertEquals(List.of("ENABLED", "OPENED", "STARTED", "PAUSED", "CLOSED", "DISABLED"),
        clientStates);
    assertTrue(c.records().stream().anyMatch(r -> r.iface() == 1
        && r.kind() == TapRecord.KIND_SIGNAL && r.direction() == TapRecord.OUTBOUND));
  }

  @Test
  void theTapIsFixedBeforeEnable() throws Exception {
    Pair pair = new Pair();
    EngineChannel client = (EngineChannel) pair.client;
    assertThrows(NullPointerException.class, () -> client.setObserver(nullObserver()));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelEnable(pair.server));
    try (PcapngWriter w = PcapngWriter.create(dir.resolve("late.pcapng"))) {
      assertThrows(IllegalStateException.class, () -> ChannelCapture.tap(pair.server, w));
      assertThrows(IllegalStateException.class,
          () -> ((EngineChannel) pair.server).setObserver(ChannelObserver.NONE));
    }
    VmbChannelDisable(pair.server);
    VmbChannelCleanup(pair.server);
    VmbChannelCleanup(pair.client);
  }

  @SuppressWarnings("NullAway")
  private static ChannelObserver nullObserver() {
    return null;
  }

  @Test
  void theSystemPropertyTapsEveryChannel() throws Exception {
    Path file = dir.resolve("all.pcapng");
    System.setProperty(CaptureProvider.PROPERTY, file.toString());
    try {
      new Pair().run();
    } finally {
      System.clearProperty(CaptureProvider.PROPERTY);
      CaptureProvider.flushShared();
    }
    PcapngReader.Capture c = PcapngReader.read(file);
    assertEquals(2, c.interfaces().size(), c.interfaces()::toString);
    assertEquals(PACKETS, c.records().stream()
        .filter(r -> r.isPacket() && r.direction() == TapRecord.OUTBOUND
            && !c.interfaceOf(r).hostSide()).count());
  }

  @Test
  void jfrEventsCountPacketsAndBytesEachWay() throws Exception {
    Path file = dir.resolve("events.jfr");
    try (Recording r = new Recording()) {
      r.enable("dev.vmbkmcl.Packet");
      r.enable("dev.vmbkmcl.Signal");
      r.enable("dev.vmbkmcl.ChannelState");
      r.start();
      new Pair().run();
      r.stop();
      r.dump(file);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    long guestOutPackets = events.stream().filter(e -> e.getEventType().getName()
        .equals("dev.vmbkmcl.Packet") && e.getString("side").equals("guest")
        && e.getString("direction").equals("out")).count();
    long hostInBytes = events.stream().filter(e -> e.getEventType().getName()
        .equals("dev.vmbkmcl.Packet") && e.getString("side").equals("host")
        && e.getString("direction").equals("in")).mapToLong(e -> e.getLong("bytes")).sum();
    long guestOutBytes = events.stream().filter(e -> e.getEventType().getName()
        .equals("dev.vmbkmcl.Packet") && e.getString("side").equals("guest")
        && e.getString("direction").equals("out")).mapToLong(e -> e.getLong("bytes")).sum();
    assertEquals(PACKETS, guestOutPackets);
    assertEquals(guestOutBytes, hostInBytes, "each way the same bytes");
    assertTrue(guestOutBytes >= PACKETS * 24L, "descriptor and padding counted: " + guestOutBytes);
    assertTrue(events.stream().anyMatch(e -> e.getEventType().getName()
        .equals("dev.vmbkmcl.ChannelState") && e.getString("event").equals("OPENED")
        && e.getString("channel").equals(INSTANCE.toString())));
    assertTrue(events.stream().anyMatch(e -> e.getEventType().getName()
        .equals("dev.vmbkmcl.Signal")));
  }
}
