package dev.vmbkmcl.sim;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetMaximumPacketCount;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetProcessPacketCallbacks;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPause;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelStart;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketFree;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSend;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSetCompletionRoutine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine's free lists (issue 12): the packet pool with its one-packet hot slot, and the
 * delivery pool with the role holder's plain list for inline completions. Deterministic: each test
 * checks properties that must hold under every interleaving, nothing is timed.
 */
@Timeout(120)
class EnginePoolsTest {
  private static final UUID TYPE = UUID.fromString("5a6b7c8d-0000-4000-8000-00000000e12a");
  private static final int MAX_PACKETS = 4;

  private static SimChannelPair pair(int maximumPacketCount,
      dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESS_PACKET serverPackets) throws InterruptedException {
    return SimChannelPair.open(new SimVmbus(TimeSource.SYSTEM, SimFaults.none()), TYPE, 8,
        server -> VmbChannelInitSetProcessPacketCallbacks(server, serverPackets, null),
        client -> {
          VmbChannelInitSetProcessPacketCallbacks(client,
              (ch, p, buf, len, flags) -> VmbChannelPacketComplete(p, null, 0), null);
          assertEquals(NtStatus.STATUS_SUCCESS,
              VmbChannelInitSetMaximumPacketCount(client, maximumPacketCount));
        });
  }

  private static Set<Object> identitySet() {
    return Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  /** Allocates until the pool refuses; every packet is a different object. */
  private static List<VMBPACKET> drain(dev.vmbkmcl.VMBCHANNEL client) {
    List<VMBPACKET> out = new ArrayList<>();
    Set<Object> seen = identitySet();
    for (VMBPACKET p = VmbPacketAllocate(client); p != null; p = VmbPacketAllocate(client)) {
      assertTrue(seen.add(p), "the pool handed out " + p + " twice");
      out.add(p);
      assertTrue(out.size() <= MAX_PACKETS, "more than MaximumPacketCount packets out");
    }
    return out;
  }

  @Test
  void theHotSlotKeepsTheMaximumPacketCountAndNeverHandsAPacketOutTwice()
      throws InterruptedException {
    SimChannelPair pair = pair(MAX_PACKETS,
        (ch, p, buf, len, flags) -> VmbChannelPacketComplete(p, null, 0));
    try {
      ByteBuffer message = ByteBuffer.allocate(8);
      List<VMBPACKET> out = drain(pair.client());
      assertEquals(MAX_PACKETS, out.size());

      // Sent without WAIT_FOR_COMPLETION: the default routine retires it into the hot slot.
      VMBPACKET first = out.remove(0);
      assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(first, message, 8, null, 0));
      VMBPACKET again = VmbPacketAllocate(pair.client());
      assertNotNull(again, "the retired packet is free again");
      assertTrue(!out.contains(again), "handed out a packet that is still out");
      assertNull(VmbPacketAllocate(pair.client()), "the slot's packet counted once, not twice");
      out.add(again);

      // All retired: the first fills the slot, the rest go to the pool; all come back, once each.
      for (VMBPACKET p : out) {
        assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(p, message, 8, null, 0));
      }
      out = drain(pair.client());
      assertEquals(MAX_PACKETS, out.size());

      // VmbPacketFree of a packet that came from the slot, and its second free is refused.
      VMBPACKET freed = out.remove(0);
      VmbPacketFree(freed);
      assertThrows(IllegalStateException.class, () -> VmbPacketFree(freed));
      for (VMBPACKET p : out) {
        VmbPacketFree(p);
      }
      assertEquals(MAX_PACKETS, drain(pair.client()).size());
    } finally {
      pair.close();
    }
  }

  @Test
  void senderThreadsRetiringAndAllocatingConcurrentlyNeverShareAPacket() throws Exception {
    SimChannelPair pair = pair(MAX_PACKETS,
        (ch, p, buf, len, flags) -> VmbChannelPacketComplete(p, null, 0));
    try {
      Set<Object> held = identitySet();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      int threads = 3;
      int perThread = 20_000;
      List<Thread> senders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread s = new Thread(() -> {
          ByteBuffer message = ByteBuffer.allocate(16);
          for (int i = 0; i < perThread; i++) {
            VMBPACKET p = VmbPacketAllocate(pair.client());
            while (p == null) {
              java.util.concurrent.locks.LockSupport.parkNanos(10_000L);
              p = VmbPacketAllocate(pair.client());
            }
            if (!held.add(p)) {
              failures.add("two senders held " + p);
            }
            if (held.size() > MAX_PACKETS) {
              failures.add("more than MaximumPacketCount packets out");
            }
            held.remove(p); // before the send: the default routine retires it inside
            if (!VmbPacketSend(p, message, 16, null, 0).equals(NtStatus.STATUS_SUCCESS)) {
              failures.add("send failed");
            }
          }
        });
        senders.add(s);
        s.start();
      }
      for (Thread s : senders) {
        s.join();
      }
      assertTrue(failures.isEmpty(), failures.toString());
      // Each packet went back exactly once: exactly MaximumPacketCount can be taken again.
      assertEquals(MAX_PACKETS, drain(pair.client()).size());
    } finally {
      pair.close();
    }
  }

  /**
   * Deliveries completed inline, by another thread while the callback still runs, by another thread
   * racing the callback's return, and long after: each completion reaches the sender exactly once,
   * no delivery is handed out twice while outstanding, a second completion is refused, and the
   * outstanding count returns to zero (Pause waits for it).
   */
  @Test
  void deliveriesCompletedInlineOrByOtherThreadsReturnExactlyOnce() throws Exception {
    int packets = 4_000;
    Set<Object> outstanding = identitySet();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Object[]> later = new ConcurrentLinkedQueue<>();
    CountDownLatch delivered = new CountDownLatch(packets);
    ExecutorService other = Executors.newFixedThreadPool(2);
    AtomicInteger refused = new AtomicInteger();
    SimChannelPair pair = pair(64, (ch, p, buf, len, flags) -> {
      int index = buf.order(ByteOrder.LITTLE_ENDIAN).getInt(buf.position());
      if (!outstanding.add(p)) {
        failures.add("delivery " + p + " handed out while outstanding, packet " + index);
      }
      ByteBuffer answer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, index);
      Runnable completeIt = () -> {
        outstanding.remove(p);
        VmbChannelPacketComplete(p, answer, 4);
      };
      switch (index % 4) {
        case 0 -> {
          completeIt.run();
          try {
            VmbChannelPacketComplete(p, answer, 4);
            failures.add("a second inline completion was accepted, packet " + index);
          } catch (IllegalStateException expected) {
            refused.incrementAndGet();
          }
        }
        case 1 -> {
          // Completed by another thread before this callback returns.
          CountDownLatch done = new CountDownLatch(1);
          other.execute(() -> {
            completeIt.run();
            done.countDown();
          });
          try {
            done.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        case 2 -> other.execute(completeIt); // races the callback's return
        default -> later.add(new Object[] {p, completeIt});
      }
      delivered.countDown();
    });
    try {
      AtomicIntegerArray completions = new AtomicIntegerArray(packets);
      ByteBuffer message = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < packets; i++) {
        VMBPACKET p = VmbPacketAllocate(pair.client());
        while (p == null) {
          java.util.concurrent.locks.LockSupport.parkNanos(10_000L);
          p = VmbPacketAllocate(pair.client());
        }
        VmbPacketSetCompletionRoutine(p, (packet, status, buf, len) -> {
          if (status.equals(NtStatus.STATUS_SUCCESS) && buf != null && len >= 4) {
            completions.incrementAndGet(buf.order(ByteOrder.LITTLE_ENDIAN).getInt(buf.position()));
          } else {
            failures.add("completion " + status + ", " + len + " bytes");
          }
          VmbPacketFree(packet);
        });
        message.putInt(0, i);
        assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(p, message, 4, null,
            VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION));
        if (i % 4 == 3) {
          // Keep the held ones few: complete those that wait, from this thread, long after.
          for (Object[] held = later.poll(); held != null; held = later.poll()) {
            ((Runnable) held[1]).run();
          }
        }
      }
      assertTrue(delivered.await(60, TimeUnit.SECONDS), "not every packet was delivered");
      for (Object[] held = later.poll(); held != null; held = later.poll()) {
        ((Runnable) held[1]).run();
      }
      other.shutdown();
      assertTrue(other.awaitTermination(60, TimeUnit.SECONDS));
      // Pause returns only once the outstanding count is zero again. It ignores interrupts, so it
      // runs on its own thread: a count that never returns to zero fails here instead of hanging.
      Thread pause = new Thread(() -> VmbChannelPause(pair.server()), "pause");
      pause.setDaemon(true);
      pause.start();
      pause.join(60_000);
      assertTrue(!pause.isAlive(), "Pause still waits: the outstanding count did not return to 0");
      VmbChannelStart(pair.server());
      for (int i = 0; i < packets; i++) {
        for (int wait = 0; wait < 20_000 && completions.get(i) == 0 && failures.isEmpty(); wait++) {
          Thread.sleep(1);
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertEquals(1, completions.get(i), "packet " + i + " completed not exactly once");
      }
      assertTrue(failures.isEmpty(), failures.toString());
      assertEquals(packets / 4, refused.get());
      assertTrue(outstanding.isEmpty());
    } finally {
      other.shutdownNow();
      pair.close();
    }
  }
}
