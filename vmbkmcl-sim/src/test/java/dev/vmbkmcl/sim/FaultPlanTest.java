package dev.vmbkmcl.sim;

import static dev.vmbkmcl.Vmbkmcl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Seeded faults on the simulated VMBus, each with its documented outcome and nothing lost. */
class FaultPlanTest {
  /*
   * How many doorbells a run rings depends on thread timing: a busy reader masks its interrupt, so
   * the writer rings rarely (a handful of times in 2,000 packets, once in a CI run). So the seeds
   * below fault the first two doorbells of each plan (theFirstDoorbellsOfEachPlanAreFaulted checks
   * it): a run then sees a fault if anything rings at all, and the sender must ring at least once
   * to wake a server that has drained everything and waits.
   */

  @Test
  void droppedDoorbellsLoseNoPacket() throws Exception {
    assertEveryPacketArrivesInOrder(dropHalf());
  }

  @Test
  void lateDoorbellsLoseNoPacket() throws Exception {
    // Every doorbell late by up to 2 ms, so rings arrive after later rings and after the reader
    // has already drained what they announce.
    assertEveryPacketArrivesInOrder(new SimFaults(42).delayDoorbells(1.0, 2_000));
  }

  @Test
  void lateAndDroppedDoorbellsTogetherLoseNoPacket() throws Exception {
    assertEveryPacketArrivesInOrder(lateOrDropped());
  }

  @Test
  void theFirstDoorbellsOfEachPlanAreFaulted() {
    for (SimFaults plan : List.of(dropHalf(), lateOrDropped())) {
      for (int ring = 1; ring <= 2; ring++) {
        // The order SimLink.signalPeer asks in: dropped, and if not, how late.
        assertTrue(plan.dropDoorbell() || plan.doorbellDelayNanos() > 0, "doorbell " + ring);
      }
      assertEquals(2, plan.droppedDoorbells() + plan.delayedDoorbells());
    }
  }

  private static SimFaults dropHalf() {
    return new SimFaults(7).dropDoorbells(0.5);
  }

  private static SimFaults lateOrDropped() {
    return new SimFaults(7).dropDoorbells(0.3).delayDoorbells(0.5, 500);
  }

  @Test
  void theSeedFixesWhichDoorbellsAreLateAndByHowMuch() {
    SimFaults a = new SimFaults(99).delayDoorbells(0.5, 300);
    SimFaults b = new SimFaults(99).delayDoorbells(0.5, 300);
    int late = 0;
    for (int i = 0; i < 1_000; i++) {
      long delay = a.doorbellDelayNanos();
      assertEquals(delay, b.doorbellDelayNanos(), "draw " + i);
      assertTrue(delay >= 0 && delay <= 300_000, "delay " + delay);
      late += delay > 0 ? 1 : 0;
    }
    assertTrue(late > 400 && late < 600, late + " of 1000 late at rate 0.5");
    assertEquals(late, a.delayedDoorbells());
    assertEquals(0, SimFaults.none().doorbellDelayNanos());
    assertThrows(IllegalArgumentException.class, () -> new SimFaults(1).delayDoorbells(1.5, 10));
    assertThrows(IllegalArgumentException.class, () -> new SimFaults(1).delayDoorbells(0.5, 0));
  }

  /** 2,000 inband packets from client to server: each arrives once, in order, under {@code faults}. */
  private static void assertEveryPacketArrivesInOrder(SimFaults faults) throws Exception {
    SimVmbus bus = new SimVmbus(TimeSource.SYSTEM, faults);
    int count = 2_000;
    CountDownLatch all = new CountDownLatch(count);
    AtomicInteger expected = new AtomicInteger();
    List<String> errors = new CopyOnWriteArrayList<>();
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(4)
        .serverPackets((ch, pkt, buf, len, flags) -> {
          int seq = buf.getInt(buf.position());
          if (seq != expected.getAndIncrement()) {
            errors.add("got " + seq);
          }
          VmbChannelPacketComplete(pkt, null, 0);
          all.countDown();
        })
        .clientPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0)).enable();
    pair.awaitActive();
    for (int i = 0; i < count; i++) {
      // MaximumPacketCount packets may be out at once; a full lookaside list means wait.
      VMBPACKET p = VmbPacketAllocate(pair.client());
      for (int tries = 0; p == null && tries < 60_000; tries++) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        p = VmbPacketAllocate(pair.client());
      }
      assertNotNull(p);
      assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(p, ByteBuffer.allocate(4).putInt(0, i), 4, null, 0));
    }
    assertTrue(all.await(60, TimeUnit.SECONDS), "delivered " + (count - all.getCount()));
    assertTrue(errors.isEmpty(), errors.toString());
    assertTrue(faults.droppedDoorbells() + faults.delayedDoorbells() > 0, "no fault happened");
  }

  @Test
  void externalDataNotResidentYetRedeliversThePacket() throws Exception {
    SimFaults faults = new SimFaults(1).externalDataPendingTimes(2);
    SimVmbus bus = new SimVmbus(TimeSource.SYSTEM, faults);
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch mapped = new CountDownLatch(1);
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(4)
        .serverPackets((ch, pkt, buf, len, flags) -> {
          calls.incrementAndGet();
          Ref<Mdl> mdl = new Ref<>();
          NtStatus s = VmbChannelPacketGetExternalData(pkt, 0, mdl);
          if (s.equals(NtStatus.STATUS_PENDING)) {
            return; // §1.6: return at once; the packet comes back
          }
          assertEquals(NtStatus.STATUS_SUCCESS, s);
          VmbChannelPacketComplete(pkt, null, 0);
          mapped.countDown();
        })
        .clientPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0)).enable();
    pair.awaitActive();
    ByteBuffer data = ByteBuffer.allocate(4096);
    NtStatus s = VmbChannelSendSynchronousRequest(pair.client(), ByteBuffer.allocate(8), 8,
        Mdl.forBuffer(data), VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION, null, null, null);
    assertEquals(NtStatus.STATUS_SUCCESS, s);
    assertTrue(mapped.await(30, TimeUnit.SECONDS));
    assertEquals(3, calls.get(), "two STATUS_PENDING answers, then the mapping");
  }

  @Test
  void rescindDuringAThousandSynchronousRequests() throws Exception {
    SimVmbus bus = new SimVmbus();
    ConcurrentLinkedQueue<VMBPACKETCOMPLETION> held = new ConcurrentLinkedQueue<>();
    AtomicInteger arrived = new AtomicInteger();
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(32)
        .serverPackets((ch, pkt, buf, len, flags) -> {
          // Every other request is answered at once, the rest are held until the channel suspends.
          if (arrived.incrementAndGet() % 2 == 0) {
            VmbChannelPacketComplete(pkt, ByteBuffer.allocate(8), 8);
          } else {
            held.add(pkt);
          }
        })
        .clientPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0)).enable();
    pair.awaitActive();
    int threads = 1_000;
    Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    List<Throwable> escaped = new CopyOnWriteArrayList<>();
    CountDownLatch finished = new CountDownLatch(threads);
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        try {
          NtStatus s = VmbChannelSendSynchronousRequest(pair.client(), ByteBuffer.allocate(8), 8, null,
              VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION, ByteBuffer.allocate(8), new UInt32Ref(8), null);
          outcomes.computeIfAbsent(s.toString(), k -> new AtomicInteger()).incrementAndGet();
        } catch (Throwable e) {
          escaped.add(e);
        } finally {
          finished.countDown();
        }
      }, "sync-" + i);
      t.setDaemon(true);
      t.start();
    }
    for (int i = 0; i < 60_000 && arrived.get() < threads / 2; i++) {
      Thread.sleep(1);
    }
    Thread completer = new Thread(() -> {
      // The host completes what it held once the channel is being torn down (Suspend waits for it).
      while (finished.getCount() > 0) {
        VMBPACKETCOMPLETION p = held.poll();
        if (p == null) {
          java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        } else {
          VmbChannelPacketComplete(p, null, 0);
        }
      }
    });
    completer.setDaemon(true);
    bus.rescind(pair.server());
    completer.start();
    assertTrue(finished.await(60, TimeUnit.SECONDS), "waiters left: " + finished.getCount());
    assertTrue(escaped.isEmpty(), escaped.toString());
    int total = 0;
    for (Map.Entry<String, AtomicInteger> e : outcomes.entrySet()) {
      assertTrue(e.getKey().startsWith("STATUS_SUCCESS") || e.getKey().startsWith("STATUS_DEVICE_REMOVED"),
          "unexpected " + e.getKey());
      total += e.getValue().get();
    }
    assertEquals(threads, total);
    assertTrue(outcomes.containsKey(NtStatus.STATUS_DEVICE_REMOVED.toString()), outcomes.toString());
    pair.awaitEvent("client:closed");
  }

  @Test
  void disablingWhileASynchronousRequestWaitsReturnsDeviceRemoved() throws Exception {
    SimVmbus bus = new SimVmbus();
    ConcurrentLinkedQueue<VMBPACKETCOMPLETION> held = new ConcurrentLinkedQueue<>();
    CountDownLatch arrived = new CountDownLatch(1);
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(4)
        .serverPackets((ch, pkt, buf, len, flags) -> {
          held.add(pkt);
          arrived.countDown();
        })
        .clientPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0)).enable();
    pair.awaitActive();
    Thread closer = new Thread(() -> {
      try {
        if (arrived.await(30, TimeUnit.SECONDS)) {
          VmbChannelDisable(pair.client());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    closer.start();
    NtStatus s = VmbChannelSendSynchronousRequest(pair.client(), ByteBuffer.allocate(8), 8, null,
        VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION, ByteBuffer.allocate(8), new UInt32Ref(8), null);
    assertEquals(NtStatus.STATUS_DEVICE_REMOVED, s);
    closer.join(30_000);
    pair.awaitEvent("client:closed");
    // The server saw the guest close; it completes what it held, and stays enabled for a re-open.
    VMBPACKETCOMPLETION p = held.poll();
    assertNotNull(p);
    VmbChannelPacketComplete(p, null, 0);
    pair.awaitEvent("server:closed");
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelEnable(pair.client()));
    TwoSidedProtocolTest.awaitOpen(bus, pair.client());
  }

  @Test
  void subChannelsOpenUnderTheirPrimaryAndCloseWithIt() throws Exception {
    SimVmbus bus = new SimVmbus();
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(4)
        .serverPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0))
        .clientPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0)).enable();
    pair.awaitActive();
    Ref<VMBCHANNEL> ss = new Ref<>();
    Ref<VMBCHANNEL> cs = new Ref<>();
    VmbChannelAllocate(bus.hostDevice(), TRUE, ss);
    VmbChannelAllocate(bus.guestDevice(), FALSE, cs);
    VMBCHANNEL subServer = ss.require();
    VMBCHANNEL subClient = cs.require();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelInitSetPrimaryChannel(subServer, pair.server(), 1));
    VmbServerChannelInitSetTargetInterfaceId(subServer, SimChannelPair.DEFAULT_INTERFACE_TYPE,
        java.util.UUID.fromString("00000000-0000-0000-0000-000000000001"));
    CountDownLatch got = new CountDownLatch(1);
    VmbChannelInitSetProcessPacketCallbacks(subServer, (ch, pkt, buf, len, flags) -> {
      VmbChannelPacketComplete(pkt, null, 0);
      got.countDown();
    }, null);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelInitSetPrimaryChannel(subClient, pair.client(), 1));
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER_2, VmbChannelInitSetPrimaryChannel(subClient, pair.client(), 2),
        "a primary is already set");
    VmbChannelInitSetProcessPacketCallbacks(subClient, (ch, pkt, buf, len, flags) ->
        VmbChannelPacketComplete(pkt, null, 0), null);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelEnable(subServer));
    VmbChannelStart(subServer);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelEnable(subClient));
    TwoSidedProtocolTest.awaitOpen(bus, subClient);
    VMBPACKET p = VmbPacketAllocate(subClient);
    assertNotNull(p);
    VmbPacketSend(p, ByteBuffer.allocate(8), 8, null, 0);
    assertTrue(got.await(30, TimeUnit.SECONDS));
    VmbChannelDisable(pair.client());
    assertTrue(!((dev.vmbkmcl.channel.EngineChannel) subClient).isOpen(), "the sub-channel closes with its primary");
  }

  @Test
  void aThrowingCallbackPoisonsTheChannelAndDisableStillReturns() throws Exception {
    SimVmbus bus = new SimVmbus();
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    List<Throwable> reported = new CopyOnWriteArrayList<>();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> reported.add(e));
    try {
      SimChannelPair pair = SimChannelPair.builder(bus).ringPages(4)
        .serverPackets((ch, pkt, buf, len, flags) -> {
            throw new IllegalStateException("driver bug");
          })
        .clientPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0)).enable();
      pair.awaitActive();
      VMBPACKET p = VmbPacketAllocate(pair.client());
      assertNotNull(p);
      VmbPacketSend(p, ByteBuffer.allocate(8), 8, null, 0);
      dev.vmbkmcl.channel.EngineChannel server = (dev.vmbkmcl.channel.EngineChannel) pair.server();
      for (int i = 0; i < 30_000 && server.corruption() == null; i++) {
        Thread.sleep(1);
      }
      assertNotNull(server.corruption(), "a throwing callback must poison the channel");
      VmbChannelDisable(pair.server()); // must not wait for the delivery the callback never completed
      assertEquals(1, reported.size(), reported.toString());
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
  }
}
