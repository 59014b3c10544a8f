package dev.vmbkmcl.sim;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetProcessPacketCallbacks;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSendSynchronousRequest;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.channel.IdleStrategy;
import dev.vmbkmcl.ext.ChannelIdle;
import dev.vmbkmcl.observe.ChannelObserver;
import dev.vmbkmcl.ring.RingControlLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Idle strategies (issue 12, an SDK extension): each one carries the same traffic correctly; the
 * choice is legal only before Enable; busy-poll keeps the incoming ring masked, so the peer rings
 * no doorbell for the data it sends, and never waits in the link's doorbell.
 */
class IdleStrategyTest {
  private static final int PACKETS = 1_000;
  private static final int REQUESTS = 300;

  /** Counts what the observer seam reports. */
  private static final class Counts implements ChannelObserver {
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger signalsSent = new AtomicInteger();
    final AtomicInteger signalsReceived = new AtomicInteger();
    final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void packetSent(ByteBuffer ringData, int offset, int length, long before, long after) {
      sent.incrementAndGet();
    }

    @Override
    public void packetReceived(ByteBuffer packet, long before, long after) {
      received.incrementAndGet();
    }

    @Override
    public void signalSent() {
      signalsSent.incrementAndGet();
    }

    @Override
    public void signalReceived() {
      signalsReceived.incrementAndGet();
    }

    @Override
    public void stateChanged(String event, String detail) {
      events.add(event);
    }
  }

  @ParameterizedTest
  @EnumSource(IdleStrategy.class)
  void everyStrategyCarriesStreamsAndSynchronousRequestsInOrder(IdleStrategy strategy)
      throws Exception {
    SimVmbus bus = new SimVmbus();
    List<Integer> order = new ArrayList<>();
    CountDownLatch all = new CountDownLatch(PACKETS);
    Counts serverCounts = new Counts();
    Counts clientCounts = new Counts();
    SimChannelPair pair = SimChannelPair.open(bus, SimChannelPair.DEFAULT_INTERFACE_TYPE, 17, server -> {
      ((EngineChannel) server).setObserver(serverCounts);
      VmbChannelInitSetProcessPacketCallbacks(server, (ch, pkt, buf, len, flags) -> {
        if (len == 8) { // a stream packet; requests are longer
          synchronized (order) {
            order.add(buf.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(buf.position()));
          }
          all.countDown();
        }
        ByteBuffer answer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        answer.putInt(0, len);
        VmbChannelPacketComplete(pkt, answer, 8);
      }, null);
    }, client -> {
      ((EngineChannel) client).setObserver(clientCounts);
      assertEquals(NtStatus.STATUS_SUCCESS,
          ChannelIdle.VmbChannelInitSetIdleStrategy(client, strategy));
      VmbChannelInitSetProcessPacketCallbacks(client, (ch, pkt, buf, len, f) ->
          VmbChannelPacketComplete(pkt, null, 0), null);
    });
    VMBCHANNEL client = pair.client();
    assertEquals(strategy, ChannelIdle.VmbChannelGetIdleStrategy(client));
    assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE,
        ChannelIdle.VmbChannelInitSetIdleStrategy(client, IdleStrategy.PARK),
        "like every InitSet call, only before Enable");
    assertThrows(IllegalStateException.class,
        () -> ((EngineChannel) client).setObserver(ChannelObserver.NONE));
    for (int i = 0; i < PACKETS; i++) {
      VMBPACKET p = null;
      while (p == null) {
        p = VmbPacketAllocate(client); // the lookaside list refills as completions arrive
        if (p == null) {
          Thread.onSpinWait();
        }
      }
      ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0, i);
      assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(p, b, 8, null, 0));
    }
    assertTrue(all.await(60, TimeUnit.SECONDS), () -> "delivered " + order.size() + ", sent "
        + clientCounts.sent.get() + ", received " + serverCounts.received.get() + ", corruption "
        + ((EngineChannel) pair.server()).corruption() + " / "
        + ((EngineChannel) client).corruption());
    for (int i = 0; i < PACKETS; i++) {
      assertEquals(i, order.get(i));
    }
    for (int i = 0; i < REQUESTS; i++) {
      ByteBuffer answer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      UInt32Ref size = new UInt32Ref(8);
      int length = 16 + 8 * (i % 5);
      assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelSendSynchronousRequest(client,
          ByteBuffer.allocate(length), length, null,
          VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION, answer, size, null));
      assertEquals(length, answer.getInt(0), "its own answer");
    }
    int total = PACKETS + REQUESTS;
    assertEquals(total, clientCounts.sent.get(), "packetSent once per packet written");
    assertEquals(total, serverCounts.received.get(), "packetReceived once per packet taken");
    if (strategy == IdleStrategy.BUSY_POLL) {
      ByteBuffer clientRx = bus.ringsOf(client)[1];
      assertEquals(1, clientRx.getInt(RingControlLayout.INTERRUPT_MASK),
          "busy-poll keeps the incoming ring masked");
      // The client masked its ring when it started; at most the first completion found it unmasked.
      assertTrue(serverCounts.signalsSent.get() <= 1,
          "the server rang " + serverCounts.signalsSent.get() + " doorbells for a polling client");
      assertEquals(0, clientCounts.signalsReceived.get(), "busy-poll never waits for a doorbell");
    } else if (strategy == IdleStrategy.PARK) {
      assertTrue(serverCounts.signalsSent.get() >= 1, "a parked client is woken by doorbells");
    }
    pair.close();
    assertEquals(List.of("ENABLED", "OPENED", "STARTED", "PAUSED", "CLOSED", "DISABLED"),
        clientCounts.events, "the observer's state events");
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void theSimulatorDefaultsToParkAndNullIsRefused() {
    SimVmbus bus = new SimVmbus();
    dev.vmbkmcl.Ref<VMBCHANNEL> c = new dev.vmbkmcl.Ref<>();
    dev.vmbkmcl.Vmbkmcl.VmbChannelAllocate(bus.guestDevice(), false, c);
    VMBCHANNEL channel = c.get();
    assertNotNull(channel);
    assertEquals(IdleStrategy.PARK, ChannelIdle.VmbChannelGetIdleStrategy(channel),
        "the simulator's default");
    assertThrows(NullPointerException.class,
        () -> ChannelIdle.VmbChannelInitSetIdleStrategy(channel, null));
    assertThrows(NullPointerException.class, () -> ((EngineChannel) channel).setObserver(null));
  }
}
