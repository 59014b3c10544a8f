package dev.vmbkmcl.sim;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.UInt64Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.KmclBackend;
import dev.vmbkmcl.channel.ChannelConnection;
import dev.vmbkmcl.channel.ChannelSettings;
import dev.vmbkmcl.channel.Engine;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.channel.GpadlPort;
import dev.vmbkmcl.channel.Transport;
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
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * An in-process VMBus between a simulated host (root) partition and one guest partition, as a KMCL
 * backend. Server channels allocated under {@link #hostDevice()} publish offers when enabled; client
 * channels allocated under {@link #guestDevice()} open the offer that matches their {@code
 * VmbClientChannelInitSetTargetPnp} target (waiting for it if it is not there yet). The guest donates
 * the ring memory, sized by the client's ring page counts, and both ends run the engine's ring code
 * over it. Guest memory is modelled ({@link SimGuestMemory}): buffers given to GPADLs and external
 * data get guest page numbers that the host side resolves.
 *
 * <p>Servicing: when a server channel that completed {@code VmbChannelSaveContinue} is disabled,
 * its connection is parked instead of closed, and the next server channel enabled with the same
 * interface instance (its saved state restored with {@code VmbChannelRestoreFromBuffer}) takes it
 * over, so in-flight transactions complete on the new channel. With {@code
 * VMBUS_SERVER_CHANNEL_INIT_FLAG_FORCE_NEW_CHANNEL} the parked channel is rescinded instead.
 *
 * <p>It is a {@link Transport}: the KMCL functions run in the {@link Engine} it holds, which serves
 * every channel allocated under its devices.
 */
public final class SimVmbus implements Transport {
  private static final int GPADL_READ_ONLY = 0x1;
  private static final long MMIO_BASE = 0xF000_0000L;
  private static final int FORCE_NEW_CHANNEL = 0x8;

  private final Engine engine;
  private final DeviceObject host;
  private final DeviceObject guest;
  private final SimGpadlPort gpadlPort = new SimGpadlPort();
  /** The engine's link callbacks of each channel connected and not yet disconnected. */
  private final Map<EngineChannel, ChannelConnection> links = new ConcurrentHashMap<>();
  private final SimFaults faults;
  private final SimWait wait;
  private final SimGuestMemory memory = new SimGuestMemory();
  private final Object lock = new Object();
  private final List<EngineChannel> offers = new ArrayList<>();
  private final List<EngineChannel> waitingClients = new ArrayList<>();
  private final Map<EngineChannel, Connection> connections = new HashMap<>();
  private final Map<EngineChannel, Integer> bounceBytes = new HashMap<>();
  /** Connections of saved server channels, waiting for the restored channel (keyed by instance). */
  private final Map<UUID, Connection> parked = new HashMap<>();
  private long nextMmio = MMIO_BASE;

  /** One open channel: both endpoints, the guest-donated ring pair, doorbells, GPADLs, MMIO. */
  private static final class Connection {
    final EngineChannel client;
    final EngineChannel server;
    final ByteBuffer guestTx;
    final ByteBuffer guestRx;
    final SimDoorbell clientBell;
    final SimDoorbell serverBell;
    final SimGpadls gpadls;
    final long mmioAddress;
    final long mmioSize;

    Connection(EngineChannel client, EngineChannel server, ByteBuffer guestTx, ByteBuffer guestRx,
        SimGpadls gpadls, long mmioAddress, long mmioSize, SimDoorbell clientBell,
        SimDoorbell serverBell) {
      this.client = client;
      this.clientBell = clientBell;
      this.serverBell = serverBell;
      this.server = server;
      this.guestTx = guestTx;
      this.guestRx = guestRx;
      this.gpadls = gpadls;
      this.mmioAddress = mmioAddress;
      this.mmioSize = mmioSize;
    }

    EngineChannel peerOf(EngineChannel channel) {
      return channel == client ? server : client;
    }
  }

  /** A simulated VMBus with real time and no faults. */
  public SimVmbus() {
    this(TimeSource.SYSTEM, SimFaults.none());
  }

  /** A simulated VMBus whose timeouts follow {@code time} and whose doorbells obey {@code faults}. */
  public SimVmbus(TimeSource time, SimFaults faults) {
    this(time, faults, SimWait.PARK);
  }

  /** As {@link #SimVmbus(TimeSource, SimFaults)}, with doorbell waits that {@code wait}. */
  public SimVmbus(TimeSource time, SimFaults faults, SimWait wait) {
    this.engine = new Engine(this, time);
    this.host = new DeviceObject(engine, "sim-host");
    this.guest = new DeviceObject(engine, "sim-guest");
    this.faults = faults;
    this.wait = wait;
  }

  /** The engine that serves this bus's devices (what the facade dispatches to). */
  KmclBackend engine() {
    return engine;
  }

  /** The link callbacks of a connected channel; null once it was disconnected. */
  private @Nullable ChannelConnection link(EngineChannel channel) {
    return links.get(channel);
  }

  private void linkUp(EngineChannel channel, SimLink newLink) {
    ChannelConnection c = link(channel);
    if (c != null) {
      c.up(newLink);
    } else {
      newLink.close();
    }
  }

  private void linkDown(EngineChannel channel, boolean rescinded) {
    ChannelConnection c = link(channel);
    if (c != null) {
      c.down(rescinded);
    }
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

  /** One published offer, as a guest's VMBus driver would list it. */
  public record Offer(UUID interfaceType, UUID interfaceInstance, @Nullable String friendlyName,
      int subChannelIndex, boolean open, int ringBytes) {}

  /** Every offer published now, in publication order. */
  public List<Offer> offers() {
    synchronized (lock) {
      List<Offer> list = new ArrayList<>();
      for (EngineChannel s : offers) {
        ChannelSettings cs = s.settings();
        Connection c = connections.get(s);
        list.add(new Offer(Objects.requireNonNull(cs.interfaceType()),
            Objects.requireNonNull(cs.interfaceInstance()), cs.friendlyName(), cs.subChannelIndex(),
            c != null, c == null ? 0 : c.guestTx.capacity()));
      }
      return list;
    }
  }

  /**
   * Every channel enabled on this bus and not yet disabled: offered servers, clients waiting for
   * an offer, and both ends of every open connection. A test harness reads it to find channels a
   * test forgot to disable ({@code dev.vmbkmcl.sim.junit.SimVmbusExtension}).
   *
   * @return the channels, each once, in no particular order
   */
  public List<VMBCHANNEL> liveChannels() {
    synchronized (lock) {
      java.util.LinkedHashSet<VMBCHANNEL> live = new java.util.LinkedHashSet<>(offers);
      live.addAll(waitingClients);
      live.addAll(connections.keySet());
      return List.copyOf(live);
    }
  }

  // ---- connecting -----------------------------------------------------------------------------

  @Override
  public NtStatus connect(ChannelConnection connection) {
    EngineChannel channel = connection.channel();
    links.put(channel, connection);
    NtStatus status = connectNow(channel);
    if (!status.isSuccess()) {
      links.remove(channel, connection);
    }
    return status;
  }

  private NtStatus connectNow(EngineChannel channel) {
    ChannelSettings s = channel.settings();
    if (s.isServer()) {
      if (s.interfaceType() == null || s.interfaceInstance() == null) {
        return NtStatus.STATUS_INVALID_DEVICE_STATE; // an offer needs VmbServerChannelInitSetTargetInterfaceId
      }
      Connection resumed = null;
      Connection abandoned = null;
      EngineChannel matched = null;
      synchronized (lock) {
        Connection old = parked.remove(s.interfaceInstance());
        if (old != null && Objects.equals(old.server.settings().interfaceType(), s.interfaceType())
            && (s.serverFlags() & FORCE_NEW_CHANNEL) == 0) {
          resumed = new Connection(old.client, channel, old.guestTx, old.guestRx, old.gpadls,
              old.mmioAddress, old.mmioSize, old.clientBell, old.serverBell);
          connections.put(old.client, resumed);
          connections.put(channel, resumed);
          offers.add(channel);
        } else {
          abandoned = old;
        }
      }
      if (abandoned != null) {
        abandoned.gpadls.clear();
        linkDown(abandoned.client, true); // FORCE_NEW_CHANNEL: the old channel is abandoned
      }
      if (resumed != null) {
        // The restored server takes over the saved one's rings; the guest never noticed.
        channel.setActiveInstance(s.interfaceInstance());
        linkUp(channel, new SimLink(resumed.guestRx, resumed.guestTx, resumed.serverBell,
            resumed.clientBell, faults));
        return NtStatus.STATUS_SUCCESS;
      }
      synchronized (lock) {
        offers.add(channel);
        for (EngineChannel c : waitingClients) {
          if (matches(c, channel)) {
            matched = c;
            break;
          }
        }
        if (matched != null) {
          waitingClients.remove(matched);
        }
      }
      if (matched != null) {
        open(matched, channel);
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
      if (matches(client, s) && !connections.containsKey(s)) {
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
      // A sub-channel pairs with the sub-channel of the same index under the connected primary.
      return clientPrimary != null && serverPrimary != null
          && c.subChannelIndex() == s.subChannelIndex()
          && Objects.equals(clientPrimary.settings().targetType(),
              serverPrimary.settings().interfaceType());
    }
    UUID wanted = c.targetInstance();
    // The simulated guest runs in VTL 0: an offer aimed at a higher VTL is not for it (§2.D #29).
    return s.targetVtl() == 0 && Objects.equals(c.targetType(), s.interfaceType())
        && (wanted == null || wanted.equals(s.interfaceInstance()));
  }

  /** Allocates the guest-donated ring pair and brings both ends up. */
  private void open(EngineChannel client, EngineChannel server) {
    ChannelSettings c = client.settings();
    int outBytes = c.outgoingPageCount() * SimGuestMemory.PAGE;
    int inBytes = c.incomingPageCount() * SimGuestMemory.PAGE;
    ByteBuffer ringMemory = ByteBuffer.allocateDirect(outBytes + inBytes).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer guestTx = ringMemory.slice(0, outBytes).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer guestRx = ringMemory.slice(outBytes, inBytes).order(ByteOrder.LITTLE_ENDIAN);
    // As the Linux guest does at open: both control pages zeroed, flow control advertised (§1.7).
    Ring.wrap(guestTx).initialize(true);
    Ring.wrap(guestRx).initialize(true);
    ChannelSettings s = server.settings();
    long mmioSize = (long) (s.mmioMegabytes() + s.mmioMegabytesOptional()) << 20;
    Connection conn;
    synchronized (lock) {
      long mmio = mmioSize == 0 ? 0 : nextMmio;
      nextMmio += mmioSize;
      conn = new Connection(client, server, guestTx, guestRx, new SimGpadls(memory), mmio, mmioSize,
          new SimDoorbell(wait, engine.time()), new SimDoorbell(wait, engine.time()));
      connections.put(client, conn);
      connections.put(server, conn);
    }
    UUID instance = s.interfaceInstance();
    client.setActiveInstance(instance);
    server.setActiveInstance(instance);
    linkUp(server, new SimLink(guestRx, guestTx, conn.serverBell, conn.clientBell, faults));
    linkUp(client, new SimLink(guestTx, guestRx, conn.clientBell, conn.serverBell, faults));
  }

  @Override
  public void disconnect(EngineChannel channel) {
    links.remove(channel);
    Connection conn;
    synchronized (lock) {
      waitingClients.remove(channel);
      if (channel.settings().isServer()) {
        offers.remove(channel);
      }
      conn = connections.get(channel);
      if (conn != null) {
        connections.remove(conn.client);
        connections.remove(conn.server);
      }
      bounceBytes.remove(channel);
    }
    if (conn == null) {
      return;
    }
    if (channel.settings().isServer() && channel.isSavedForRestore()) {
      synchronized (lock) {
        parked.put(Objects.requireNonNull(channel.settings().interfaceInstance()), conn);
      }
      return;
    }
    conn.gpadls.clear();
    // A server's Disable rescinds the offer; a client's Disable closes the channel.
    linkDown(conn.peerOf(channel), channel.settings().isServer());
  }

  /**
   * Rescinds the offer of {@code serverChannel} as a host would: the guest's channel sees {@code
   * STATUS_DEVICE_REMOVED} in every waiter and ends Disabled. The server channel stays enabled
   * without an offer until it is disabled.
   */
  public void rescind(VMBCHANNEL serverChannel) {
    EngineChannel server = (EngineChannel) serverChannel;
    Connection conn;
    synchronized (lock) {
      offers.remove(server);
      conn = connections.get(server);
      if (conn != null) {
        connections.remove(conn.client);
        connections.remove(conn.server);
      }
    }
    if (conn != null) {
      conn.gpadls.clear();
      linkDown(conn.client, true);
      linkDown(server, true);
    }
  }

  private @Nullable Connection connection(VMBCHANNEL channel) {
    synchronized (lock) {
      return connections.get((EngineChannel) channel);
    }
  }

  /**
   * Fault injection: the shared memory of an open channel's rings, {@code [guestTx, guestRx]}, so a
   * test can play a hostile peer that corrupts an index.
   *
   * @throws IllegalStateException when the channel is not open
   */
  public ByteBuffer[] ringsOf(VMBCHANNEL channel) {
    Connection c = connection(channel);
    if (c == null) {
      throw new IllegalStateException("ringsOf: " + channel + " is not open");
    }
    return new ByteBuffer[] {c.guestTx.duplicate().order(ByteOrder.LITTLE_ENDIAN),
        c.guestRx.duplicate().order(ByteOrder.LITTLE_ENDIAN)};
  }

  /** Fault injection: rings the doorbell of an open client channel as its host would. */
  public void signalClient(VMBCHANNEL clientChannel) {
    Connection c = connection(clientChannel);
    if (c != null) {
      c.clientBell.ring();
    }
  }

  // ---- guest memory: external data -----------------------------------------------------------

  @Override
  public long @Nullable [] pagesOf(EngineChannel channel, Mdl element) {
    ByteBuffer buffer = element.backingBuffer();
    long[] pages = buffer == null
        ? element.pfns() : memory.pagesOf(buffer, element.backingOffset(), element.byteCount());
    Connection c = channel.settings().isServer() ? null : connection(channel);
    if (pages != null && c != null) {
      // The guest gives these bytes to its host, which may name them back in its own packets.
      c.gpadls.sharedByPacket(pages, element.byteOffset(), element.byteCount());
    }
    return pages;
  }

  @Override
  public NtStatus mapExternalData(EngineChannel channel, ByteBuffer header, int flags,
      Ref<Mdl> out) {
    if (faults.externalDataPending()) {
      return NtStatus.STATUS_PENDING;
    }
    boolean readOnly = (flags & 0x1) != 0;
    // A guest maps only what it shared with this channel's host (SimGpadls.checkHostNamed); the
    // host side maps what the guest named, which is the guest's own business.
    SimGpadls shared = null;
    if (!channel.settings().isServer()) {
      Connection c = connection(channel);
      if (c == null) {
        return NtStatus.STATUS_INVALID_DEVICE_STATE;
      }
      shared = c.gpadls;
    }
    int count = header.getInt(4);
    int at = 8;
    Mdl head = null;
    Mdl tail = null;
    for (int i = 0; i < count; i++) {
      int byteCount = header.getInt(at);
      int byteOffset = header.getInt(at + 4);
      int pages = Mdl.pagesSpanned(byteOffset, byteCount);
      long[] pfns = new long[pages];
      for (int p = 0; p < pages; p++) {
        pfns[p] = header.getLong(at + 8 + 8 * p);
      }
      at += 8 + 8 * pages;
      if (shared != null && byteCount > 0 && byteOffset >= 0 && byteOffset < SimGuestMemory.PAGE) {
        NtStatus allowed = shared.checkHostNamed(pfns, byteOffset, byteCount, !readOnly);
        if (!allowed.isSuccess()) {
          return allowed; // nothing is mapped: out is set only after every range passed
        }
      }
      Mdl range = memory.mdl(pfns, byteOffset, byteCount, readOnly);
      if (range == null) {
        return NtStatus.STATUS_UNSUCCESSFUL; // the guest named pages it does not own
      }
      if (head == null) {
        head = range;
      } else if (tail != null) {
        tail.link(range);
      }
      tail = range;
      while (tail.next() != null) {
        tail = Objects.requireNonNull(tail.next());
      }
    }
    if (head == null) {
      return NtStatus.STATUS_UNSUCCESSFUL;
    }
    out.set(head);
    return NtStatus.STATUS_SUCCESS;
  }

  // ---- GPADLs (kmcl-api.md §1.6, §2.H) --------------------------------------------------------

  /** The open connection of a client channel, or null when GPADLs cannot be made now. */
  private @Nullable SimGpadls gpadlsOf(VMBCHANNEL channel) {
    Connection c = connection(channel);
    return c == null ? null : c.gpadls;
  }

  /** GPADLs that exist now on the connection of {@code channel} (0 when it is not open). */
  public int gpadlCount(VMBCHANNEL channel) {
    SimGpadls g = gpadlsOf(channel);
    return g == null ? 0 : g.size();
  }

  @Override
  public GpadlPort gpadls() {
    return gpadlPort;
  }

  /**
   * The simulated guest memory's GPADLs (kmcl-api.md §1.6, §2.H), on the connection of a channel;
   * the parameters keep the KMCL names of the functions each method serves.
   */
  @SuppressWarnings("ParameterName") // KMCL names
  private final class SimGpadlPort implements GpadlPort {
    @Override
    public NtStatus createFromBuffer(EngineChannel Channel, int Flags, ByteBuffer Buffer,
          int ByteCount, UInt32Ref GpadlHandle) {
      SimGpadls g = gpadlsOf(Channel);
      if (g == null) {
        return NtStatus.STATUS_INVALID_DEVICE_STATE; // GPADLs exist from EvtChannelOpened on
      }
      int start = Buffer.position();
      long[] pfns = memory.pagesOf(Buffer, start, ByteCount);
      GpadlHandle.set(g.create(pfns, start % SimGuestMemory.PAGE, ByteCount,
          (Flags & GPADL_READ_ONLY) != 0, null));
      return NtStatus.STATUS_SUCCESS;
    }

    @Override
    public NtStatus createFromMdl(EngineChannel Channel, int Flags, Mdl Mdl,
          int StartOffsetWithinMdl, int DataLengthWithinMdl, UInt32Ref GpadlHandle) {
      SimGpadls g = gpadlsOf(Channel);
      if (g == null) {
        return NtStatus.STATUS_INVALID_DEVICE_STATE;
      }
      // A GPADL is one page list: the chain's pages in order, starting at the first element's offset.
      List<Long> pages = new ArrayList<>();
      for (Mdl m = Mdl; m != null; m = m.next()) {
        long[] p = pagesOf(Channel, m);
        if (p == null) {
          return NtStatus.STATUS_INVALID_PARAMETER_3;
        }
        for (long pfn : p) {
          pages.add(pfn);
        }
      }
      int start = Mdl.byteOffset() + StartOffsetWithinMdl;
      int length = DataLengthWithinMdl == 0
          ? (int) (Mdl.chainByteCount() - StartOffsetWithinMdl) : DataLengthWithinMdl;
      int firstPage = start / SimGuestMemory.PAGE;
      int n = dev.vmbkmcl.Mdl.pagesSpanned(start % SimGuestMemory.PAGE, length);
      if (firstPage + n > pages.size()) {
        return NtStatus.STATUS_INVALID_PARAMETER_5;
      }
      long[] pfns = new long[n];
      for (int i = 0; i < n; i++) {
        pfns[i] = pages.get(firstPage + i);
      }
      GpadlHandle.set(g.create(pfns, start % SimGuestMemory.PAGE, length,
          (Flags & GPADL_READ_ONLY) != 0, null));
      return NtStatus.STATUS_SUCCESS;
    }

    @Override
    public NtStatus createFromPfns(EngineChannel Channel, int Flags, long[] PfnList,
          int PfnListCount, UInt32Ref GpadlHandle) {
      SimGpadls g = gpadlsOf(Channel);
      if (g == null) {
        return NtStatus.STATUS_INVALID_DEVICE_STATE;
      }
      long[] pfns = java.util.Arrays.copyOf(PfnList, PfnListCount);
      for (long pfn : pfns) {
        if (memory.page(pfn) == null) {
          return NtStatus.STATUS_INVALID_PARAMETER_3; // not a page this guest owns
        }
      }
      GpadlHandle.set(g.create(pfns, 0, PfnListCount * SimGuestMemory.PAGE,
          (Flags & GPADL_READ_ONLY) != 0, null));
      return NtStatus.STATUS_SUCCESS;
    }

    @Override
    public NtStatus create(EngineChannel Channel, int Flags, int PageCount,
          UInt32Ref GpadlHandle) {
      SimGpadls g = gpadlsOf(Channel);
      if (g == null) {
        return NtStatus.STATUS_INVALID_DEVICE_STATE;
      }
      ByteBuffer owned = memory.allocate(PageCount);
      long[] pfns = memory.pagesOf(owned, 0, owned.capacity());
      GpadlHandle.set(g.create(pfns, 0, owned.capacity(), (Flags & GPADL_READ_ONLY) != 0, owned));
      return NtStatus.STATUS_SUCCESS;
    }

    @Override
    public NtStatus systemAddress(EngineChannel Channel, int Flags, int GpadlHandle,
          Ref<ByteBuffer> SystemAddress) {
      SimGpadls g = gpadlsOf(Channel);
      if (g == null) {
        return NtStatus.STATUS_INVALID_DEVICE_STATE;
      }
      ByteBuffer owned = g.ownedBuffer(GpadlHandle);
      if (owned == null) {
        return NtStatus.STATUS_INVALID_PARAMETER_3; // only GPADLs made by VmbChannelCreateGpadl
      }
      SystemAddress.set(owned);
      return NtStatus.STATUS_SUCCESS;
    }

    @Override
    public void delete(EngineChannel Channel, int GpadlHandle) {
      SimGpadls g = gpadlsOf(Channel);
      if (g != null) {
        g.delete(GpadlHandle);
      }
    }

    @Override
    public NtStatus map(EngineChannel Channel, int Flags, int GpadlHandle, Ref<Mdl> Mdl) {
      SimGpadls g = gpadlsOf(Channel);
      if (g == null) {
        return NtStatus.STATUS_INVALID_DEVICE_STATE;
      }
      return g.map(GpadlHandle, (Flags & GPADL_READ_ONLY) != 0, Mdl);
    }

    @Override
    public void unmap(EngineChannel Channel, int GpadlHandle) {
      SimGpadls g = gpadlsOf(Channel);
      if (g != null) {
        g.unmap(GpadlHandle);
      }
    }

    @Override
    public NtStatus allocateBounceBuffer(EngineChannel Channel, int BufferSize) {
      // The simulated host maps any guest page, so external data never needs bouncing; the buffer is
      // reserved and accounted as KMCL would, within the configured maximum.
      synchronized (lock) {
        int total = bounceBytes.getOrDefault(Channel, 0) + BufferSize;
        int maximum = Channel.settings().bounceMaximum();
        if (maximum != 0 && total > maximum) {
          return NtStatus.STATUS_INSUFFICIENT_RESOURCES;
        }
        bounceBytes.put(Channel, total);
      }
      return NtStatus.STATUS_SUCCESS;
    }

    @Override
    public void mmioSpace(EngineChannel Channel, UInt64Ref MmioAddress, UInt64Ref MmioSize) {
      Connection c = connection(Channel);
      MmioAddress.set(c == null ? 0 : c.mmioAddress);
      MmioSize.set(c == null ? 0 : c.mmioSize);
    }
  }
}
