package dev.vmbkmcl.sim;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.channel.EngineChannel;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A server and a client channel of one {@link SimVmbus}, connected over one guest-donated ring pair:
 * the {@code connectedPair(ringSize)} of a test. Both ends are made and enabled with KMCL calls; each
 * configurer runs on its Disabled channel first and may register callbacks with the {@code InitSet*}
 * calls. {@link #open} returns once both channels are open and started.
 *
 * @param server the server (host, VSP) channel
 * @param client the client (guest, VSC) channel
 */
public record SimChannelPair(VMBCHANNEL server, VMBCHANNEL client) {
  /**
   * Makes the pair: a server offering {@code interfaceType}, a client targeting it with rings of
   * {@code ringPages} pages each (control page included).
   *
   * @throws IllegalStateException when a KMCL call fails or the pair does not open within a minute
   */
  public static SimChannelPair open(SimVmbus bus, UUID interfaceType, int ringPages,
      Consumer<VMBCHANNEL> configureServer, Consumer<VMBCHANNEL> configureClient)
      throws InterruptedException {
    Ref<VMBCHANNEL> s = new Ref<>();
    Ref<VMBCHANNEL> c = new Ref<>();
    check(VmbChannelAllocate(bus.hostDevice(), TRUE, s), "VmbChannelAllocate(server)");
    check(VmbChannelAllocate(bus.guestDevice(), FALSE, c), "VmbChannelAllocate(client)");
    VMBCHANNEL server = s.require();
    VMBCHANNEL client = c.require();
    check(VmbServerChannelInitSetTargetInterfaceId(server, interfaceType, UUID.randomUUID()),
        "VmbServerChannelInitSetTargetInterfaceId");
    check(VmbClientChannelInitSetTargetPnp(client, interfaceType, null, null),
        "VmbClientChannelInitSetTargetPnp");
    check(VmbClientChannelInitSetRingBufferPageCount(client, ringPages, ringPages),
        "VmbClientChannelInitSetRingBufferPageCount");
    configureServer.accept(server);
    configureClient.accept(client);
    check(VmbChannelEnable(server), "VmbChannelEnable(server)");
    VmbChannelStart(server);
    check(VmbChannelEnable(client), "VmbChannelEnable(client)");
    awaitOpen((EngineChannel) server);
    awaitOpen((EngineChannel) client);
    return new SimChannelPair(server, client);
  }

  /** Disables and cleans up both channels (the client first, as a guest shuts down before its host). */
  public void close() {
    VmbChannelDisable(client);
    VmbChannelCleanup(client);
    VmbChannelDisable(server);
    VmbChannelCleanup(server);
  }

  private static void awaitOpen(EngineChannel channel) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!channel.isOpen() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    if (!channel.isOpen()) {
      throw new IllegalStateException(channel + " did not open within a minute");
    }
  }

  private static void check(NtStatus status, String what) {
    if (!NT_SUCCESS(status)) {
      throw new IllegalStateException(what + " failed: " + status);
    }
  }
}
