package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetProcessPacketCallbacks;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSend;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSetCompletionRoutine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESS_PACKET;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.ring.IncomingPacket;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.ring.RingWriter;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimVmbus;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host whose stream never ends must not starve the guest's other duties (issue 12, "bounded and
 * fair"). Every packet the guest's driver takes makes the host write the next one into the ring
 * before the driver returns, so the delivery thread never finds the ring empty. Meanwhile sends
 * and completions that had to wait for room must still go out, and ProcessingComplete must run:
 * the engine caps each batch and flushes between batches.
 */
class FairDeliveryTest {
  private static final int SENDS = 8;
  private static final int SEND_BYTES = 1000;
  private static final int REQUESTS = 4;
  private static final long FLOOD_ID_BASE = 1L << 40;

  private final SimVmbus bus = new SimVmbus();
  private final AtomicInteger delivered = new AtomicInteger();
  private final AtomicInteger processingCompletesDuringFlood = new AtomicInteger();
  private final AtomicInteger written = new AtomicInteger();
  private volatile boolean flooding;
  private volatile boolean stopFlood;
  private HostileHost host;
  private SimChannelPair pair;

  @AfterEach
  void closeChannel() {
    stopFlood = true;
    VmbChannelDisable(pair.client());
    VmbChannelDisable(pair.server());
  }

  @BeforeEach
  void openChannel() throws InterruptedException {
    EVT_VMB_CHANNEL_PROCESS_PACKET clientPackets = (ch, pkt, buf, len, flags) -> {
          delivered.incrementAndGet();
          if (flooding && !stopFlood) {
            // The host's next packet is in the ring before this one is even completed.
            int rc = host.tryWrite(PacketLayout.TYPE_INBAND, false, FLOOD_ID_BASE, new byte[8]);
            assertTrue(rc == RingWriter.WRITTEN || rc == RingWriter.WRITTEN_SIGNAL,
                "the flood keeps one packet ahead: " + rc);
          }
          VmbChannelPacketComplete(pkt, null, 0);
        };
    pair = SimChannelPair.builder(bus).instance(UUID.randomUUID()).ringPages(2)
        .maximumPacketCount(32)
        .serverPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0))
        .clientPackets(clientPackets)
        .startServer(false).allocate();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelInitSetProcessPacketCallbacks(pair.client(),
        clientPackets, (ch, count) -> {
          if (flooding) {
            processingCompletesDuringFlood.incrementAndGet();
          }
        }));
    pair.open();
    host = new HostileHost(bus, pair.client());
  }

  @Test
  void aNeverEndingStreamDoesNotStopQueuedSendsOwedCompletionsOrProcessingComplete() {

    // 1. The guest fills the ring the host does not read yet; the rest of its sends queue.
    for (int i = 0; i < SENDS; i++) {
      VMBPACKET p = VmbPacketAllocate(pair.client());
      assertNotNull(p);
      VmbPacketSetCompletionRoutine(p, (pk, status, buf, len) -> written.incrementAndGet());
      ByteBuffer payload = ByteBuffer.allocate(SEND_BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      payload.putInt(0, i);
      assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(p, payload, SEND_BYTES, null, 0));
    }
    int inRing = written.get();
    assertTrue(inRing > 0 && inRing < SENDS, "some sends wait on the channel: " + inRing);

    // 2. Requests whose completions cannot go out now: the guest owes them.
    for (int i = 0; i < REQUESTS; i++) {
      int rc = host.tryWrite(PacketLayout.TYPE_INBAND, true, 100 + i, new byte[8]);
      assertTrue(rc == RingWriter.WRITTEN || rc == RingWriter.WRITTEN_SIGNAL);
    }
    host.signal();
    Await.until("the guest took the requests", () -> delivered.get() >= REQUESTS);

    // 3. The never-ending stream starts: one seed, then each delivery writes the next packet.
    flooding = true;
    host.reply(PacketLayout.TYPE_INBAND, FLOOD_ID_BASE, new byte[8]);
    int floodStart = delivered.get();
    Await.until("the flood runs", () -> delivered.get() > floodStart + 1000);

    // 4. The host drains the guest's ring: every queued send and every owed completion arrives
    // while the flood goes on.
    int sendsSeen = 0;
    Set<Long> completions = new HashSet<>();
    while (sendsSeen < SENDS || completions.size() < REQUESTS) {
      IncomingPacket p = host.awaitFromGuest();
      if (p.type() == PacketLayout.TYPE_COMPLETION) {
        assertTrue(completions.add(p.transactionId()), "each completion once");
      } else {
        assertEquals(sendsSeen, p.buffer().getInt(p.payloadOffset()), "sends in send order");
        sendsSeen++;
      }
    }
    assertEquals(Set.of(100L, 101L, 102L, 103L), completions);
    Await.until("ProcessingComplete runs during the flood",
        () -> processingCompletesDuringFlood.get() > 0);
    assertTrue(flooding && !stopFlood, "the stream was still running");
    Await.until("the queued sends completed", () -> written.get() == SENDS);
    assertNull(((EngineChannel) pair.client()).corruption());
  }
}
