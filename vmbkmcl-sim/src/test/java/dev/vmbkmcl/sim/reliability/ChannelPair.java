package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VmbChannelAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelEnable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetMaximumPacketCount;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetProcessPacketCallbacks;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetStateChangeCallbacks;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelStart;
import static dev.vmbkmcl.Vmbkmcl.VmbClientChannelInitSetRingBufferPageCount;
import static dev.vmbkmcl.Vmbkmcl.VmbClientChannelInitSetTargetPnp;
import static dev.vmbkmcl.Vmbkmcl.VmbServerChannelInitSetTargetInterfaceId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESS_PACKET;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import dev.vmbkmcl.sim.SimVmbus;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client (guest) and a server (host) channel of one {@link SimVmbus} for one offer, configured
 * with KMCL calls only, counting the client's and server's state-change callbacks so tests can wait
 * for a transition without sleeping.
 */
final class ChannelPair {
  static final UUID TYPE = UUID.fromString("5e1ab1e0-0000-4000-8000-00000000cafe");

  final SimVmbus bus;
  final VMBCHANNEL server;
  final VMBCHANNEL client;
  /** Client EvtChannelPostStarted calls. */
  final AtomicInteger clientStarts = new AtomicInteger();
  /** Client EvtChannelClosed calls. */
  final AtomicInteger clientCloses = new AtomicInteger();
  /** Server EvtChannelOpened calls. */
  final AtomicInteger serverOpens = new AtomicInteger();
  /** Server EvtChannelClosed calls. */
  final AtomicInteger serverCloses = new AtomicInteger();

  /**
   * Allocates and configures both channels for the offer {@code instance}; nothing is enabled yet.
   *
   * @param ringPages pages of each ring of the client's ring pair, control page included
   * @param packetCount the client's MaximumPacketCount
   */
  ChannelPair(SimVmbus bus, UUID instance, int ringPages, int packetCount,
      EVT_VMB_CHANNEL_PROCESS_PACKET serverPackets, EVT_VMB_CHANNEL_PROCESS_PACKET clientPackets) {
    this.bus = bus;
    Ref<VMBCHANNEL> s = new Ref<>();
    Ref<VMBCHANNEL> c = new Ref<>();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelAllocate(bus.hostDevice(), true, s));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelAllocate(bus.guestDevice(), false, c));
    server = s.require();
    client = c.require();
    assertEquals(NtStatus.STATUS_SUCCESS,
        VmbServerChannelInitSetTargetInterfaceId(server, TYPE, instance));
    assertEquals(NtStatus.STATUS_SUCCESS,
        VmbChannelInitSetProcessPacketCallbacks(server, serverPackets, null));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelInitSetStateChangeCallbacks(server,
        callbacks(serverOpens, new AtomicInteger(), serverCloses)));
    assertEquals(NtStatus.STATUS_SUCCESS,
        VmbClientChannelInitSetTargetPnp(client, TYPE, instance, null));
    assertEquals(NtStatus.STATUS_SUCCESS,
        VmbClientChannelInitSetRingBufferPageCount(client, ringPages, ringPages));
    assertEquals(NtStatus.STATUS_SUCCESS,
        VmbChannelInitSetMaximumPacketCount(client, packetCount));
    assertEquals(NtStatus.STATUS_SUCCESS,
        VmbChannelInitSetProcessPacketCallbacks(client, clientPackets, null));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelInitSetStateChangeCallbacks(client,
        callbacks(new AtomicInteger(), clientStarts, clientCloses)));
  }

  private static VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks(AtomicInteger opens,
      AtomicInteger starts, AtomicInteger closes) {
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS cb = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    cb.Version = 1;
    cb.Size = VMB_CHANNEL_STATE_CHANGE_CALLBACKS.SIZEOF;
    cb.EvtChannelOpened = ch -> {
      opens.incrementAndGet();
      return NtStatus.STATUS_SUCCESS;
    };
    cb.EvtChannelPostStarted = ch -> starts.incrementAndGet();
    cb.EvtChannelClosed = ch -> closes.incrementAndGet();
    return cb;
  }

  /**
   * Publishes the offer (starting the server unless {@code startServer} is false: a server that is
   * not started never touches the rings, so a test can play the host on them) and opens the
   * client; returns when the client ran PostStarted.
   */
  void open(boolean startServer) {
    int starts = clientStarts.get();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelEnable(server));
    if (startServer) {
      VmbChannelStart(server);
    }
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelEnable(client));
    Await.until("the client channel started", () -> clientStarts.get() > starts);
  }
}
