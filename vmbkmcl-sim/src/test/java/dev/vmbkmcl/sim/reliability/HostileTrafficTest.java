package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSendSynchronousRequest;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSend;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSetCompletionRoutine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.LargeInteger;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimVmbus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host that misuses the flow of traffic rather than the format: it rings the guest's doorbell
 * without end, or it never drains the ring the guest sends into. Neither may cost a packet, hang a
 * caller for longer than its own timeout, or let the guest's memory grow without bound: a full ring
 * makes packets wait on the channel (kmcl-api.md §1.5), the lookaside list bounds how many can
 * wait, a zero timeout answers STATUS_BUFFER_OVERFLOW, a timeout STATUS_CANCELLED, and a rescind
 * completes everything that waits with STATUS_CANCELLED and releases waiters with
 * STATUS_DEVICE_REMOVED (README, §5 items 17 and 19).
 */
class HostileTrafficTest {
  private static final int WAIT = VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
  private static final int PACKET_COUNT = 32;

  private final SimVmbus bus = new SimVmbus();
  private final List<Integer> delivered = new CopyOnWriteArrayList<>();
  private SimChannelPair pair;
  private HostileHost host;

  @BeforeEach
  void openChannel() throws InterruptedException {
    pair = SimChannelPair.builder(bus).instance(UUID.randomUUID()).ringPages(2)
        .maximumPacketCount(PACKET_COUNT)
        .serverPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0))
        .clientPackets((ch, pkt, buf, len, flags) -> {
          delivered.add(buf.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(buf.position()));
          VmbChannelPacketComplete(pkt, null, 0);
        })
        .startServer(false).allocate();
    pair.open();
    host = new HostileHost(bus, pair.client());
  }

  @AfterEach
  void closeChannel() {
    VmbChannelDisable(pair.client());
    VmbChannelDisable(pair.server());
  }

  @Test
  void aFloodOfSignalsLosesNothingAndDeliversNothingExtra() throws Exception {
    int packets = 100;
    Thread flood = new Thread(() -> {
      for (int i = 0; i < 200_000; i++) {
        host.signal();
      }
    }, "doorbell-flood");
    flood.start();
    for (int i = 0; i < packets; i++) {
      byte[] seq = new byte[8];
      ByteBuffer.wrap(seq).order(ByteOrder.LITTLE_ENDIAN).putInt(0, i);
      host.reply(PacketLayout.TYPE_INBAND, i, seq);
    }
    Await.until("all packets arrived", () -> delivered.size() >= packets);
    flood.join(TimeUnit.SECONDS.toMillis(60));
    Await.stillHolds("a doorbell without data delivers nothing", 20, host::signal,
        () -> delivered.size() == packets);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < packets; i++) {
      expected.add(i);
    }
    assertEquals(expected, delivered, "every packet exactly once, in ring order");
    assertNull(((EngineChannel) pair.client()).corruption());
  }

  @Test
  void aRingTheHostNeverDrainsBoundsTheGuestAndReleasesEverythingOnRescind() throws Exception {
    Map<Integer, List<NtStatus>> routines = new ConcurrentHashMap<>();
    int sent = 0;
    for (VMBPACKET p = VmbPacketAllocate(pair.client()); p != null;
        p = VmbPacketAllocate(pair.client())) {
      int n = sent++;
      routines.put(n, new CopyOnWriteArrayList<>());
      VmbPacketSetCompletionRoutine(p, (pk, status, buf, len) -> routines.get(n).add(status));
      assertEquals(NtStatus.STATUS_SUCCESS,
          VmbPacketSend(p, ByteBuffer.allocate(1000), 1000, null, WAIT),
          "a packet that does not fit waits on the channel");
    }
    assertEquals(PACKET_COUNT, sent, "MaximumPacketCount bounds what can wait");
    // §3.4: the blocked writer asks for exactly the bytes its next packet needs.
    assertEquals(PacketLayout.ringBytes(0, 1000), host.txPendingSendSize());
    assertTrue(host.unreadFromGuest() > 0 && host.unreadFromGuest() < 4096);

    LargeInteger zero = new LargeInteger(0);
    assertEquals(NtStatus.STATUS_BUFFER_OVERFLOW, VmbChannelSendSynchronousRequest(pair.client(),
        ByteBuffer.allocate(1000), 1000, null, 0, null, null, zero));
    UInt32Ref size = new UInt32Ref(8);
    assertEquals(NtStatus.STATUS_CANCELLED, VmbChannelSendSynchronousRequest(pair.client(),
        ByteBuffer.allocate(8), 8, null, WAIT, ByteBuffer.allocate(8), size,
        LargeInteger.relativeMillis(20)));
    assertEquals(0, size.get());
    CompletableFuture<NtStatus> forever = CompletableFuture.supplyAsync(() ->
        VmbChannelSendSynchronousRequest(pair.client(), ByteBuffer.allocate(8), 8, null, WAIT,
            ByteBuffer.allocate(8), new UInt32Ref(8), null));
    Await.stillHolds("nothing completes while the host does not read", 20, () -> { },
        () -> routines.values().stream().allMatch(List::isEmpty) && !forever.isDone());

    bus.rescind(pair.server());
    assertEquals(NtStatus.STATUS_DEVICE_REMOVED, forever.get(60, TimeUnit.SECONDS));
    Await.until("every packet completed", () ->
        routines.values().stream().noneMatch(List::isEmpty));
    Await.until("the client closed", () -> pair.count("client:closed") == 1);
    for (Map.Entry<Integer, List<NtStatus>> e : routines.entrySet()) {
      assertEquals(List.of(NtStatus.STATUS_CANCELLED), e.getValue(), "packet " + e.getKey());
    }
  }
}
