package dev.vmbkmcl.sim;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.channel.ChannelSettings;
import dev.vmbkmcl.channel.EngineBackend;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.ring.Ring;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An in-process VMBus between a simulated host (root) partition and one guest partition, as a KMCL
 * backend. Server channels allocated under {@link #hostDevice()} publish offers when enabled; client
 * channels allocated under {@link #guestDevice()} open the offer that matches their {@code
 * VmbClientChannelInitSetTargetPnp} target (waiting for it if it is not there yet). The guest donates
 * the ring memory, sized by the client's ring page counts, and both ends run the engine's ring code
 * over it.
 */
public final class SimVmbus extends EngineBackend {
  private final DeviceObject host = new DeviceObject(this, "sim-host");
  private final DeviceObject guest = new DeviceObject(this, "sim-guest");
  private final SimFaults faults;
  private final Object lock = new Object();
  private final List<EngineChannel> offers = new ArrayList<>();
  private final List<EngineChannel> waitingClients = new ArrayList<>();
  private final Map<EngineChannel, EngineChannel> peers = new HashMap<>();
  private final Map<EngineChannel, Connection> connections = new HashMap<>();

  /** The guest-donated ring pair of one open client channel, and its doorbells. */
  private record Connection(ByteBuffer guestTx, ByteBuffer guestRx, SimDoorbell clientBell) {}

  /** A simulated VMBus with real time and no faults. */
  public SimVmbus() {
    this(TimeSource.SYSTEM, SimFaults.none());
  }

  /** A simulated VMBus whose timeouts follow {@code time} and whose doorbells obey {@code faults}. */
  public SimVmbus(TimeSource time, SimFaults faults) {
    super(time);
    this.faults = faults;
  }

  @Override
  public String name() {
    return "sim";
  }

  /** The guest partition's device: the parent of client (VSC) channels. */
  @Override
  public DeviceObject defaultDevice() {
    return guest;
  }

  /** The host (root) partition's device: the parent of server (VSP) channels. */
  public DeviceObject hostDevice() {
    return host;
  }

  /** The guest partition's device: the parent of client (VSC) channels. */
  public DeviceObject guestDevice() {
    return guest;
  }

  /** The interface type and instance of every offer published now. */
  public List<UUID[]> offers() {
    synchronized (lock) {
      List<UUID[]> list = new ArrayList<>();
      for (EngineChannel s : offers) {
        ChannelSettings cs = s.settings();
        list.add(new UUID[] {cs.interfaceType(), cs.interfaceInstance()});
      }
      return list;
    }
  }

  @Override
  protected NtStatus connect(EngineChannel channel) {
    ChannelSettings s = channel.settings();
    if (s.isServer()) {
      if (s.interfaceType() == null || s.interfaceInstance() == null) {
        return NtStatus.STATUS_INVALID_DEVICE_STATE; // an offer needs VmbServerChannelInitSetTargetInterfaceId
      }
      List<EngineChannel> matched = new ArrayList<>();
      synchronized (lock) {
        offers.add(channel);
        for (EngineChannel c : waitingClients) {
          if (matches(c, channel) && matched.isEmpty()) {
            matched.add(c);
          }
        }
        waitingClients.removeAll(matched);
      }
      for (EngineChannel c : matched) {
        open(c, channel);
      }
      return NtStatus.STATUS_SUCCESS;
    }
    if (s.targetType() == null && s.primary() == null) {
      return NtStatus.STATUS_INVALID_DEVICE_STATE; // no VmbClientChannelInitSetTargetPnp target
    }
    EngineChannel offer;
    synchronized (lock) {
      offer = findOffer(channel);
      if (offer == null) {
        waitingClients.add(channel);
        return NtStatus.STATUS_SUCCESS;
      }
    }
    open(channel, offer);
    return NtStatus.STATUS_SUCCESS;
  }

  private @Nullable EngineChannel findOffer(EngineChannel client) {
    for (EngineChannel s : offers) {
      if (matches(client, s) && !peers.containsKey(s)) {
        return s;
      }
    }
    return null;
  }

  private static boolean matches(EngineChannel client, EngineChannel server) {
    ChannelSettings c = client.settings();
    ChannelSettings s = server.settings();
    EngineChannel clientPrimary = c.primary();
    EngineChannel serverPrimary = s.primary();
    if (clientPrimary != null || serverPrimary != null) {
      return clientPrimary != null && serverPrimary != null
          && c.subChannelIndex() == s.subChannelIndex()
          && Objects.equals(clientPrimary.settings().targetType(), serverPrimary.settings().interfaceType());
    }
    return Objects.equals(c.targetType(), s.interfaceType())
        && (c.targetInstance() == null || c.targetInstance().equals(s.interfaceInstance()));
  }

  /** Allocates the guest-donated ring pair and brings both ends up. */
  private void open(EngineChannel client, EngineChannel server) {
    ChannelSettings c = client.settings();
    int outBytes = c.outgoingPageCount() * 4096;
    int inBytes = c.incomingPageCount() * 4096;
    ByteBuffer memory = ByteBuffer.allocateDirect(outBytes + inBytes).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer guestTx = memory.slice(0, outBytes).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer guestRx = memory.slice(outBytes, inBytes).order(ByteOrder.LITTLE_ENDIAN);
    // As the Linux guest does at open: both control pages zeroed, flow control advertised (§1.7).
    Ring.wrap(guestTx).initialize(true);
    Ring.wrap(guestRx).initialize(true);
    SimDoorbell clientBell = new SimDoorbell();
    SimDoorbell serverBell = new SimDoorbell();
    synchronized (lock) {
      peers.put(client, server);
      peers.put(server, client);
      connections.put(client, new Connection(guestTx, guestRx, clientBell));
    }
    UUID instance = server.settings().interfaceInstance();
    client.setActiveInstance(instance);
    server.setActiveInstance(instance);
    server.linkUp(new SimLink(guestRx, guestTx, serverBell, clientBell, faults));
    client.linkUp(new SimLink(guestTx, guestRx, clientBell, serverBell, faults));
  }

  @Override
  protected void disconnect(EngineChannel channel) {
    EngineChannel peer;
    synchronized (lock) {
      waitingClients.remove(channel);
      if (channel.settings().isServer()) {
        offers.remove(channel);
      }
      peer = peers.remove(channel);
      if (peer != null) {
        peers.remove(peer);
      }
      connections.remove(channel);
      if (peer != null) {
        connections.remove(peer);
      }
    }
    if (peer != null) {
      // A server's Disable rescinds the offer; a client's Disable closes the channel.
      peer.linkDown(channel.settings().isServer());
    }
  }

  /**
   * Rescinds the offer of {@code server} as a host would (the guest's channel sees {@code
   * STATUS_DEVICE_REMOVED}) without disabling the server channel object.
   */
  public void rescind(dev.vmbkmcl.VMBCHANNEL serverChannel) {
    EngineChannel server = (EngineChannel) serverChannel;
    EngineChannel client;
    synchronized (lock) {
      offers.remove(server);
      client = peers.remove(server);
      if (client != null) {
        peers.remove(client);
        connections.remove(client);
      }
    }
    if (client != null) {
      client.linkDown(true);
      server.linkDown(true);
    }
  }

  /**
   * Fault injection: the shared memory of an open client channel's rings, {@code [guestTx, guestRx]},
   * so a test can play a hostile host that corrupts an index.
   *
   * @throws IllegalStateException when the channel is not open
   */
  public ByteBuffer[] ringsOf(dev.vmbkmcl.VMBCHANNEL clientChannel) {
    synchronized (lock) {
      Connection c = connections.get((EngineChannel) clientChannel);
      if (c == null) {
        throw new IllegalStateException("ringsOf: " + clientChannel + " is not an open client channel");
      }
      return new ByteBuffer[] {c.guestTx().duplicate().order(ByteOrder.LITTLE_ENDIAN),
          c.guestRx().duplicate().order(ByteOrder.LITTLE_ENDIAN)};
    }
  }

  /** Fault injection: rings the doorbell of an open client channel as its host would. */
  public void signalClient(dev.vmbkmcl.VMBCHANNEL clientChannel) {
    Connection c;
    synchronized (lock) {
      c = connections.get((EngineChannel) clientChannel);
    }
    if (c != null) {
      c.clientBell().ring();
    }
  }
}
