package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.ring.IncomingPacket;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.ring.Ring;
import dev.vmbkmcl.ring.RingControlLayout;
import dev.vmbkmcl.ring.RingWriter;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimVmbus;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host that keeps sending requests but never reads the guest's ring (issue 12): the guest must
 * stop taking requests whose completion it cannot send once {@code MaximumPacketCount} completions
 * wait for room (back-pressure), so the requests stay in the host's ring and the guest's memory has
 * a bound derived from its settings. Surefire runs this class alone in a JVM with a small heap
 * ({@code -Xmx48m}, the {@code small-heap} execution of this module): an engine that took every
 * request would hold one delivery per request (more than 2 KiB each here) and run out of memory
 * long before the host ran out of requests.
 */
class BoundedHeapTest {
  private static final int PACKET_COUNT = 32;
  private static final int RING_PAGES = 2;
  private static final int REQUEST_BYTES = 2048;
  /** Far more than fit: 400,000 requests of 2 KiB held would be 800 MB. */
  private static final int MAX_REQUESTS = 400_000;

  private final SimVmbus bus = new SimVmbus();
  private final AtomicInteger delivered = new AtomicInteger();
  private SimChannelPair pair;

  @AfterEach
  void closeChannel() {
    VmbChannelDisable(pair.client());
    VmbChannelDisable(pair.server());
  }

  @BeforeEach
  void openChannel() throws InterruptedException {
    pair = SimChannelPair.builder(bus).instance(UUID.randomUUID()).ringPages(RING_PAGES)
        .maximumPacketCount(PACKET_COUNT)
        .serverPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0))
        .clientPackets((ch, pkt, buf, len, flags) -> {
          delivered.incrementAndGet();
          VmbChannelPacketComplete(pkt, null, 0);
        })
        .startServer(false).allocate();
    pair.open();
  }

  @Test
  void aHostThatNeverReadsGetsItsRequestsLeftInItsRing() {
    HostileHost host = new HostileHost(bus, pair.client());
    // What the guest may take: the completions its send ring holds, plus MaximumPacketCount held.
    int bound = completionsThatFit((RING_PAGES - 1) * 4096) + PACKET_COUNT;

    byte[] payload = new byte[REQUEST_BYTES];
    int sent = 0;
    while (sent < MAX_REQUESTS) {
      int rc = host.tryWrite(PacketLayout.TYPE_INBAND, true, sent + 1, payload);
      if (rc == RingWriter.WRITTEN || rc == RingWriter.WRITTEN_SIGNAL) {
        sent++;
        host.signal();
        assertTrue(delivered.get() <= bound, "the guest took " + delivered.get()
            + " requests, more than the " + bound + " its settings allow");
        continue;
      }
      assertEquals(RingWriter.FULL, rc);
      if (delivered.get() == bound) {
        break; // the guest stopped at its bound and the host's ring is full: back-pressure
      }
      int seen = delivered.get();
      host.signal();
      Await.until("the guest reads or reaches its bound",
          () -> delivered.get() != seen || delivered.get() == bound || hasRoom(host));
    }
    assertEquals(bound, delivered.get(), "the guest took exactly what its settings allow");
    assertTrue(sent < MAX_REQUESTS, "the host's ring filled up: its requests wait there");
    assertTrue(Runtime.getRuntime().maxMemory() < 256L << 20 || !isSmallHeapRun(),
        "this class runs in the small-heap JVM");

    // The host reads at last: every request gets its completion exactly once, none is lost.
    BitSet answered = new BitSet();
    int total = sent;
    while (answered.cardinality() < total) {
      IncomingPacket p = host.awaitFromGuest();
      host.signal();
      assertEquals(PacketLayout.TYPE_COMPLETION, p.type());
      int id = (int) p.transactionId();
      assertTrue(id >= 1 && id <= total && !answered.get(id - 1), "completion " + id + " once");
      answered.set(id - 1);
    }
    assertEquals(total, delivered.get(), "each request delivered exactly once");
    assertNull(((EngineChannel) pair.client()).corruption());
  }

  private static boolean isSmallHeapRun() {
    return Boolean.getBoolean("vmbkmcl.smallHeap");
  }

  /** Whether the host's ring has room for one more request right now. */
  private static boolean hasRoom(HostileHost host) {
    return host.rxFreeBytes() > PacketLayout.ringBytes(0, REQUEST_BYTES);
  }

  /** Empty completions (the driver completes with no payload) that fit in a fresh ring. */
  private static int completionsThatFit(int dataBytes) {
    ByteBuffer memory = ByteBuffer.allocate(RingControlLayout.CONTROL_PAGE_SIZE + dataBytes);
    Ring ring = Ring.wrap(memory);
    ring.initialize(true);
    RingWriter w = new RingWriter(ring);
    int n = 0;
    while (w.write(PacketLayout.TYPE_COMPLETION, 0, n + 1, null, null) != RingWriter.FULL) {
      n++;
    }
    return n;
  }
}
