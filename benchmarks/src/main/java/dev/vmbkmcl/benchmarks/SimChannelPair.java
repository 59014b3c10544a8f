package dev.vmbkmcl.benchmarks;

import static dev.vmbkmcl.Vmbkmcl.NT_SUCCESS;
import static dev.vmbkmcl.Vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelCleanup;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelEnable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetMaximumPacketSize;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetProcessPacketCallbacks;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetStateChangeCallbacks;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelStart;
import static dev.vmbkmcl.Vmbkmcl.VmbClientChannelInitSetRingBufferPageCount;
import static dev.vmbkmcl.Vmbkmcl.VmbClientChannelInitSetTargetPnp;
import static dev.vmbkmcl.Vmbkmcl.VmbServerChannelInitSetTargetInterfaceId;

import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESS_PACKET;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import dev.vmbkmcl.sim.SimFaults;
import dev.vmbkmcl.sim.SimVmbus;
import dev.vmbkmcl.spi.TimeSource;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A connected client (guest) and server (host) channel on one {@link SimVmbus}, set up with KMCL
 * calls only, as a driver and its simulated device would be. The client sends; the server's
 * process-packet callback is the benchmark's receiver.
 */
final class SimChannelPair implements AutoCloseable {
  private static final UUID INTERFACE_TYPE = UUID.fromString("6c8e2b4d-0f5a-4e0c-9b73-2d1f0a7c5e11");
  private static final UUID INTERFACE_INSTANCE =
      UUID.fromString("a7f1c3e9-5b2d-4c8a-8e61-0d9b4f2a7c36");
  private static final long START_TIMEOUT_SECONDS = 60;

  final VMBCHANNEL client;
  final VMBCHANNEL server;

  private SimChannelPair(VMBCHANNEL client, VMBCHANNEL server) {
    this.client = client;
    this.server = server;
  }

  /**
   * Opens a pair whose rings each have a data area of {@code ringDataBytes} (one control page is
   * added), both ends accepting packets of up to {@code maximumPacketSize} bytes, and waits until
   * both are Active.
   *
   * @param time the clock and wait strategy of the simulated VMBus (how synchronous waiters wait)
   * @param serverPackets the server's {@code EvtVmbChannelProcessPacket}
   */
  static SimChannelPair open(TimeSource time, int ringDataBytes, int maximumPacketSize,
      EVT_VMB_CHANNEL_PROCESS_PACKET serverPackets) throws InterruptedException {
    SimVmbus bus = new SimVmbus(time, SimFaults.none());
    CountDownLatch active = new CountDownLatch(2);
    Ref<VMBCHANNEL> s = new Ref<>();
    Ref<VMBCHANNEL> c = new Ref<>();
    check("VmbChannelAllocate(server)", VmbChannelAllocate(bus.hostDevice(), true, s));
    check("VmbChannelAllocate(client)", VmbChannelAllocate(bus.guestDevice(), false, c));
    VMBCHANNEL server = s.require();
    VMBCHANNEL client = c.require();
    check("VmbServerChannelInitSetTargetInterfaceId",
        VmbServerChannelInitSetTargetInterfaceId(server, INTERFACE_TYPE, INTERFACE_INSTANCE));
    check("VmbClientChannelInitSetTargetPnp",
        VmbClientChannelInitSetTargetPnp(client, INTERFACE_TYPE, INTERFACE_INSTANCE, null));
    int pages = ringDataBytes / 4096 + 1;
    check("VmbClientChannelInitSetRingBufferPageCount",
        VmbClientChannelInitSetRingBufferPageCount(client, pages, pages));
    for (VMBCHANNEL ch : new VMBCHANNEL[] {server, client}) {
      check("VmbChannelInitSetMaximumPacketSize",
          VmbChannelInitSetMaximumPacketSize(ch, maximumPacketSize));
      check("VmbChannelInitSetStateChangeCallbacks",
          VmbChannelInitSetStateChangeCallbacks(ch, countDownWhenActive(active)));
    }
    check("VmbChannelInitSetProcessPacketCallbacks(server)",
        VmbChannelInitSetProcessPacketCallbacks(server, serverPackets, null));
    // The client receives only completions of its own packets, which the engine retires itself.
    check("VmbChannelInitSetProcessPacketCallbacks(client)", VmbChannelInitSetProcessPacketCallbacks(
        client, (ch, packet, buffer, length, flags) -> VmbChannelPacketComplete(packet, null, 0), null));
    check("VmbChannelEnable(server)", VmbChannelEnable(server));
    // A server endpoint's incoming queue runs only after VmbChannelStart.
    VmbChannelStart(server);
    check("VmbChannelEnable(client)", VmbChannelEnable(client));
    if (!active.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the simulated channel pair did not become Active");
    }
    return new SimChannelPair(client, server);
  }

  private static VMB_CHANNEL_STATE_CHANGE_CALLBACKS countDownWhenActive(CountDownLatch active) {
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(callbacks);
    callbacks.EvtChannelPostStarted = channel -> active.countDown();
    return callbacks;
  }

  private static void check(String call, NtStatus status) {
    if (!NT_SUCCESS(status)) {
      throw new IllegalStateException(call + " returned " + status);
    }
  }

  /** Disables and cleans up both channels (client first, as a guest driver unloads). */
  @Override
  public void close() {
    VmbChannelDisable(client);
    VmbChannelDisable(server);
    VmbChannelCleanup(client);
    VmbChannelCleanup(server);
  }
}
