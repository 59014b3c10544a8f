package dev.vmbkmcl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.LargeInteger;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.ring.RingControlLayout;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The channel engine end to end over the simulated VMBus: both ends written with KMCL calls. */
class ChannelEngineTest {
  private static final int WAIT_FOR_COMPLETION = 0x1;

  private static ByteBuffer bytes(int... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length);
    for (int v : values) {
      b.put((byte) v);
    }
    return b.flip();
  }

  /** A clock whose waits end at once by moving virtual time forward: timeouts without sleeping. */
  private static final class VirtualTime implements TimeSource {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
      return nanos.get();
    }

    @Override
    public long currentTimeMillis() {
      return nanos.get() / 1_000_000L;
    }

    @Override
    public void parkNanos(Object blocker, long n) {
      nanos.addAndGet(n);
      java.util.concurrent.locks.LockSupport.parkNanos(blocker, 10_000L);
    }
  }

  @Test
  void packetsArriveInRingOrderWithTheirBytes() throws Exception {
    SimVmbus bus = new SimVmbus();
    List<String> received = new CopyOnWriteArrayList<>();
    CountDownLatch got = new CountDownLatch(200);
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(4)
        .serverPackets((ch, pkt, buf, len, flags) -> {
          byte[] data = new byte[len];
          buf.get(buf.position(), data);
          received.add(new String(data, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
          bus.engine().VmbChannelPacketComplete(pkt, null, 0);
          got.countDown();
        })
        .clientPackets((ch, pkt, buf, len, flags) -> bus.engine().VmbChannelPacketComplete(pkt, null, 0)).enable();
    pair.awaitActive();
    for (int i = 0; i < 200; i++) {
      VMBPACKET p = bus.engine().VmbPacketAllocate(pair.client());
      assertNotNull(p);
      ByteBuffer msg = ByteBuffer.wrap(String.format("pkt%05d", i).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertEquals(NtStatus.STATUS_SUCCESS, bus.engine().VmbPacketSend(p, msg, 8, null, 0));
    }
    assertTrue(got.await(30, TimeUnit.SECONDS), "received " + received.size());
    for (int i = 0; i < 200; i++) {
      assertEquals(String.format("pkt%05d", i), received.get(i));
    }
  }

  @Test
  void callbacksRunInTheDocumentedOrder() throws Exception {
    SimVmbus bus = new SimVmbus();
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(4)
        .serverPackets((ch, pkt, buf, len, flags) -> bus.engine().VmbChannelPacketComplete(pkt, null, 0))
        .clientPackets((ch, pkt, buf, len, flags) -> bus.engine().VmbChannelPacketComplete(pkt, null, 0)).enable();
    pair.awaitActive();
    List<String> client = pair.events().stream().filter(e -> e.startsWith("client")).toList();
    assertEquals(List.of("client:opened", "client:started", "client:postStarted"), client);
    bus.engine().VmbChannelPause(pair.client());
    assertTrue(pair.events().contains("client:suspend"));
    bus.engine().VmbChannelStart(pair.client());
    bus.engine().VmbChannelDisable(pair.client());
    List<String> after = pair.events().stream().filter(e -> e.startsWith("client")).toList();
    assertEquals(List.of("client:opened", "client:started", "client:postStarted", "client:suspend",
        "client:started", "client:postStarted", "client:suspend", "client:closed"), after);
    pair.awaitEvent("server:closed");
  }

  @Test
  void synchronousRequestCopiesTheCompletion() throws Exception {
    SimVmbus bus = new SimVmbus();
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(4)
        .serverPackets((ch, pkt, buf, len, flags) -> {
          ByteBuffer reply = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 0xC0FFEE + len);
          bus.engine().VmbChannelPacketComplete(pkt, reply, 8);
        })
        .clientPackets((ch, pkt, buf, len, flags) -> bus.engine().VmbChannelPacketComplete(pkt, null, 0)).enable();
    pair.awaitActive();
    ByteBuffer answer = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    UInt32Ref size = new UInt32Ref(16);
    NtStatus s = bus.engine().VmbChannelSendSynchronousRequest(pair.client(), bytes(1, 2, 3), 3, null,
        WAIT_FOR_COMPLETION, answer, size, null);
    assertEquals(NtStatus.STATUS_SUCCESS, s);
    assertEquals(8, size.get());
    // The server saw the padded length (3 bytes -> 8, reference §2.2).
    assertEquals(0xC0FFEE + 8, answer.getLong(0));
  }

  @Test
  void completionLargerThanTheBufferIsTruncatedToIt() throws Exception {
    SimVmbus bus = new SimVmbus();
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(4)
        .serverPackets((ch, pkt, buf, len, flags) -> {
          ByteBuffer reply = ByteBuffer.allocate(32);
          for (int i = 0; i < 32; i++) {
            reply.put(i, (byte) i);
          }
          bus.engine().VmbChannelPacketComplete(pkt, reply, 32);
        })
        .clientPackets((ch, pkt, buf, len, flags) -> bus.engine().VmbChannelPacketComplete(pkt, null, 0)).enable();
    pair.awaitActive();
    ByteBuffer answer = ByteBuffer.allocate(8);
    UInt32Ref size = new UInt32Ref(8);
    assertEquals(NtStatus.STATUS_SUCCESS, bus.engine().VmbChannelSendSynchronousRequest(pair.client(),
        bytes(9), 1, null, 0, answer, size, null));
    assertEquals(8, size.get());
    assertEquals(7, answer.get(7));
  }

  @Test
  void timeoutCancelsAndALateCompletionIsDiscarded() throws Exception {
    VirtualTime time = new VirtualTime();
    SimVmbus bus = new SimVmbus(time, SimFaults.none());
    BlockingQueue<VMBPACKETCOMPLETION> held = new ArrayBlockingQueue<>(4);
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(4)
        .serverPackets((ch, pkt, buf, len, flags) -> held.add(pkt))
        .clientPackets((ch, pkt, buf, len, flags) -> bus.engine().VmbChannelPacketComplete(pkt, null, 0)).enable();
    pair.awaitActive();
    UInt32Ref size = new UInt32Ref(8);
    NtStatus s = bus.engine().VmbChannelSendSynchronousRequest(pair.client(), bytes(1), 1, null,
        WAIT_FOR_COMPLETION, ByteBuffer.allocate(8), size, LargeInteger.relativeMillis(5_000));
    assertEquals(NtStatus.STATUS_CANCELLED, s);
    VMBPACKETCOMPLETION late = held.poll(30, TimeUnit.SECONDS);
    assertNotNull(late);
    bus.engine().VmbChannelPacketComplete(late, ByteBuffer.allocate(8), 8);
    // The channel still works after the discarded completion.
    held.clear();
    CountDownLatch next = new CountDownLatch(1);
    new Thread(() -> {
      try {
        VMBPACKETCOMPLETION p = held.poll(30, TimeUnit.SECONDS);
        if (p != null) {
          bus.engine().VmbChannelPacketComplete(p, ByteBuffer.allocate(8), 8);
          next.countDown();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).start();
    assertEquals(NtStatus.STATUS_SUCCESS, bus.engine().VmbChannelSendSynchronousRequest(pair.client(),
        bytes(2), 1, null, WAIT_FOR_COMPLETION, ByteBuffer.allocate(8), new UInt32Ref(8), null));
    assertTrue(next.await(30, TimeUnit.SECONDS));
  }

  @Test
  void zeroTimeoutOnAFullRingIsBufferOverflowAndNothingIsQueued() throws Exception {
    SimVmbus bus = new SimVmbus();
    List<Integer> serverSaw = new CopyOnWriteArrayList<>();
    // The server is not started, so nothing drains the client's outgoing ring.
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(2)
        .serverPackets((ch, pkt, buf, len, flags) -> {
          serverSaw.add(len);
          bus.engine().VmbChannelPacketComplete(pkt, null, 0);
        })
        .clientPackets((ch, pkt, buf, len, flags) -> bus.engine().VmbChannelPacketComplete(pkt, null, 0)).startServer(false).enable();
    pair.awaitEvent("client:postStarted");
    LargeInteger zero = new LargeInteger(0);
    ByteBuffer payload = ByteBuffer.allocate(1000);
    int accepted = 0;
    NtStatus s;
    do {
      s = bus.engine().VmbChannelSendSynchronousRequest(pair.client(), payload, 1000, null, 0, null, null, zero);
      if (s.equals(NtStatus.STATUS_SUCCESS)) {
        accepted++;
      }
    } while (s.equals(NtStatus.STATUS_SUCCESS) && accepted < 100);
    assertEquals(NtStatus.STATUS_BUFFER_OVERFLOW, s);
    assertEquals(3, accepted, "a 4 KiB ring holds three 1,032-byte packets and never fills up");
    bus.engine().VmbChannelStart(pair.server());
    pair.awaitEvent("server:postStarted");
    // A fence instead of a sleep: a request sent now arrives after anything queued before it (ring
    // order), and it returns only once the server's callback saw it, so a wrongly queued refused
    // request would have been seen by then too.
    assertEquals(NtStatus.STATUS_SUCCESS, bus.engine().VmbChannelSendSynchronousRequest(pair.client(),
        ByteBuffer.allocate(8), 8, null, 0, null, null, null));
    assertEquals(List.of(1000, 1000, 1000, 8), serverSaw,
        "the refused request must not have been queued");
  }

  @Test
  void aPacketThatDoesNotFitWaitsAndGoesOutWhenTheReaderFreesSpace() throws Exception {
    SimVmbus bus = new SimVmbus();
    CountDownLatch all = new CountDownLatch(20);
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(2)
        .serverPackets((ch, pkt, buf, len, flags) -> {
          bus.engine().VmbChannelPacketComplete(pkt, null, 0);
          all.countDown();
        })
        .clientPackets((ch, pkt, buf, len, flags) -> bus.engine().VmbChannelPacketComplete(pkt, null, 0)).startServer(false).enable();
    pair.awaitEvent("client:postStarted");
    List<NtStatus> completions = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 20; i++) {
      VMBPACKET p = bus.engine().VmbPacketAllocate(pair.client());
      assertNotNull(p);
      bus.engine().VmbPacketSetCompletionRoutine(p, (pk, st, b, l) -> {
        completions.add(st);
        bus.engine().VmbPacketFree(pk);
      });
      assertEquals(NtStatus.STATUS_SUCCESS, bus.engine().VmbPacketSend(p, ByteBuffer.allocate(1000), 1000, null, 0));
    }
    assertTrue(completions.size() < 20, "some packets must be waiting on the channel");
    bus.engine().VmbChannelStart(pair.server());
    assertTrue(all.await(30, TimeUnit.SECONDS), "queued packets were not delivered");
    for (int i = 0; i < 30_000 && completions.size() < 20; i++) {
      Thread.sleep(1);
    }
    assertEquals(20, completions.size());
    assertTrue(completions.stream().allMatch(NtStatus.STATUS_SUCCESS::equals));
  }

  @Test
  void rescindWhileWaitingReturnsDeviceRemoved() throws Exception {
    SimVmbus bus = new SimVmbus();
    CountDownLatch arrived = new CountDownLatch(1);
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(4)
        .serverPackets((ch, pkt, buf, len, flags) -> arrived.countDown())
        .clientPackets((ch, pkt, buf, len, flags) -> bus.engine().VmbChannelPacketComplete(pkt, null, 0)).enable();
    pair.awaitActive();
    Thread rescinder = new Thread(() -> {
      try {
        if (arrived.await(30, TimeUnit.SECONDS)) {
          bus.rescind(pair.server());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    rescinder.start();
    NtStatus s = bus.engine().VmbChannelSendSynchronousRequest(pair.client(), bytes(1), 1, null,
        WAIT_FOR_COMPLETION, ByteBuffer.allocate(8), new UInt32Ref(8), null);
    assertEquals(NtStatus.STATUS_DEVICE_REMOVED, s);
    pair.awaitEvent("client:closed");
  }

  @Test
  void completingADeliveryTwiceIsDetected() throws Exception {
    SimVmbus bus = new SimVmbus();
    BlockingQueue<VMBPACKETCOMPLETION> got = new ArrayBlockingQueue<>(1);
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(4)
        .serverPackets((ch, pkt, buf, len, flags) -> got.add(pkt))
        .clientPackets((ch, pkt, buf, len, flags) -> bus.engine().VmbChannelPacketComplete(pkt, null, 0)).enable();
    pair.awaitActive();
    VMBPACKET p = bus.engine().VmbPacketAllocate(pair.client());
    assertNotNull(p);
    bus.engine().VmbPacketSend(p, bytes(1), 1, null, 0);
    VMBPACKETCOMPLETION d = got.poll(30, TimeUnit.SECONDS);
    assertNotNull(d);
    bus.engine().VmbChannelPacketComplete(d, null, 0);
    assertThrows(IllegalStateException.class, () -> bus.engine().VmbChannelPacketComplete(d, null, 0));
  }

  @Test
  void aCorruptRingIndexPoisonsTheChannel() throws Exception {
    SimVmbus bus = new SimVmbus();
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(4)
        .serverPackets((ch, pkt, buf, len, flags) -> bus.engine().VmbChannelPacketComplete(pkt, null, 0))
        .clientPackets((ch, pkt, buf, len, flags) -> bus.engine().VmbChannelPacketComplete(pkt, null, 0)).enable();
    pair.awaitActive();
    // The hostile host writes a write_index that is not a multiple of 8 into the guest's RX ring.
    ByteBuffer guestRx = bus.ringsOf(pair.client())[1];
    guestRx.putInt(RingControlLayout.WRITE_INDEX, 13);
    // Wake the client's delivery thread as the host's doorbell would, until it has seen the index.
    EngineChannel client = (EngineChannel) pair.client();
    for (int i = 0; i < 30_000 && client.corruption() == null; i++) {
      bus.signalClient(pair.client());
      Thread.sleep(1);
    }
    NtStatus s = bus.engine().VmbChannelSendSynchronousRequest(pair.client(), bytes(1), 1, null,
        WAIT_FOR_COMPLETION, ByteBuffer.allocate(8), new UInt32Ref(8), null);
    assertEquals(NtStatus.STATUS_DATA_ERROR, s);
    assertNotNull(((EngineChannel) pair.client()).corruption());
    VMBPACKET p = bus.engine().VmbPacketAllocate(pair.client());
    assertNotNull(p);
    assertEquals(NtStatus.STATUS_DATA_ERROR, bus.engine().VmbPacketSend(p, bytes(1), 1, null, 0));
  }
}
