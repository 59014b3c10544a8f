package dev.vmbkmcl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESS_PACKET;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A client and a server channel of one {@link SimVmbus}, configured and enabled with KMCL calls, and
 * a log of their state-change callbacks (the test form of a {@code connectedPair(ringSize)}).
 */
final class SimPair {
  static final UUID TYPE = UUID.fromString("0b0d0e0f-1111-2222-3333-444455556666");
  static final UUID INSTANCE = UUID.fromString("a1a2a3a4-b1b2-c1c2-d1d2-e1e2e3e4e5e6");

  final SimVmbus bus;
  final VMBCHANNEL server;
  final VMBCHANNEL client;
  final List<String> events = new CopyOnWriteArrayList<>();
  private final CountDownLatch bothActive = new CountDownLatch(2);

  SimPair(SimVmbus bus, int ringPages, EVT_VMB_CHANNEL_PROCESS_PACKET serverPackets,
      EVT_VMB_CHANNEL_PROCESS_PACKET clientPackets, boolean startServer) {
    this.bus = bus;
    Ref<VMBCHANNEL> s = new Ref<>();
    Ref<VMBCHANNEL> c = new Ref<>();
    assertEquals(NtStatus.STATUS_SUCCESS, bus.engine().VmbChannelAllocate(bus.hostDevice(), true, s));
    assertEquals(NtStatus.STATUS_SUCCESS, bus.engine().VmbChannelAllocate(bus.guestDevice(), false, c));
    server = s.require();
    client = c.require();
    bus.engine().VmbServerChannelInitSetTargetInterfaceId(server, TYPE, INSTANCE);
    bus.engine().VmbChannelInitSetProcessPacketCallbacks(server, serverPackets, null);
    bus.engine().VmbChannelInitSetStateChangeCallbacks(server, callbacks("server"));
    bus.engine().VmbClientChannelInitSetTargetPnp(client, TYPE, null, null);
    bus.engine().VmbClientChannelInitSetRingBufferPageCount(client, ringPages, ringPages);
    bus.engine().VmbChannelInitSetProcessPacketCallbacks(client, clientPackets, null);
    bus.engine().VmbChannelInitSetStateChangeCallbacks(client, callbacks("client"));
    assertEquals(NtStatus.STATUS_SUCCESS, bus.engine().VmbChannelEnable(server));
    if (startServer) {
      bus.engine().VmbChannelStart(server);
    }
    assertEquals(NtStatus.STATUS_SUCCESS, bus.engine().VmbChannelEnable(client));
  }

  private VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks(String who) {
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS cb = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    cb.Version = 1;
    cb.Size = VMB_CHANNEL_STATE_CHANGE_CALLBACKS.SIZEOF;
    cb.EvtChannelOpened = ch -> {
      events.add(who + ":opened");
      return NtStatus.STATUS_SUCCESS;
    };
    cb.EvtChannelStarted = ch -> events.add(who + ":started");
    cb.EvtChannelPostStarted = ch -> {
      events.add(who + ":postStarted");
      bothActive.countDown();
    };
    cb.EvtChannelSuspend = ch -> events.add(who + ":suspend");
    cb.EvtChannelClosed = ch -> events.add(who + ":closed");
    return cb;
  }

  /** Waits until both ends ran PostStarted (a generous bound; it normally takes milliseconds). */
  void awaitActive() throws InterruptedException {
    assertTrue(bothActive.await(30, TimeUnit.SECONDS), "channels did not start: " + events);
  }

  /** Waits until {@code event} was logged. */
  void awaitEvent(String event) throws InterruptedException {
    for (int i = 0; i < 30_000 && !events.contains(event); i++) {
      Thread.sleep(1);
    }
    assertTrue(events.contains(event), "no " + event + " in " + events);
  }
}
