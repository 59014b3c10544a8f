package dev.vmbkmcl.sim;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESS_PACKET;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import dev.vmbkmcl.channel.EngineChannel;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A server and a client channel of one {@link SimVmbus}, connected over one guest-donated ring pair:
 * the {@code connectedPair(ringSize)} of a test, and the one helper that makes such a pair. Both ends
 * are made, configured and enabled with KMCL calls.
 *
 * <p>The pair registers its own state-change callbacks on both ends and logs them as {@code
 * "server:opened"}, {@code "client:started"}, {@code "client:postStarted"}, {@code
 * "server:suspend"}, {@code "client:closed"} and so on ({@link #events}), so that a test waits for a
 * transition ({@link #awaitEvent}) instead of sleeping. A test's own state-change callbacks go to
 * {@link Builder#serverStateCallbacks} or {@link Builder#clientStateCallbacks}, which the log runs
 * before it logs; a configurer must not register any, because they would replace the log.
 *
 * <p>The short form {@link #open(SimVmbus, UUID, int, Consumer, Consumer)} returns a started pair;
 * {@link #builder} sets the rest (packet callbacks, the packet count, the instance, a server that is
 * not started) and can stop before the pair is enabled ({@link Builder#allocate}) or before it is
 * open ({@link Builder#enable}).
 */
public final class SimChannelPair {
  /** The interface type of a pair whose builder was given none. */
  public static final UUID DEFAULT_INTERFACE_TYPE =
      UUID.fromString("0b0d0e0f-1111-2222-3333-444455556666");

  /** How long the waits of this class wait before they fail: far beyond any healthy run. */
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final SimVmbus bus;
  private final VMBCHANNEL server;
  private final VMBCHANNEL client;
  private final boolean startServer;
  private final List<String> events = new CopyOnWriteArrayList<>();

  private SimChannelPair(SimVmbus bus, VMBCHANNEL server, VMBCHANNEL client, boolean startServer) {
    this.bus = bus;
    this.server = server;
    this.client = client;
    this.startServer = startServer;
  }

  /**
   * Makes a started pair: a server offering {@code interfaceType}, a client targeting it with rings
   * of {@code ringPages} pages each (control page included). Each configurer runs on its Disabled
   * channel and may register callbacks with the {@code InitSet*} calls (not the state-change ones).
   *
   * @param bus the bus both ends are on
   * @param interfaceType the interface type the server offers and the client targets
   * @param ringPages pages per ring, control page included
   * @param configureServer runs on the Disabled server channel
   * @param configureClient runs on the Disabled client channel
   * @return both ends, open and started
   * @throws InterruptedException when interrupted while the pair opens
   * @throws IllegalStateException when a KMCL call fails or the pair does not open within a minute
   */
  public static SimChannelPair open(SimVmbus bus, UUID interfaceType, int ringPages,
      Consumer<VMBCHANNEL> configureServer, Consumer<VMBCHANNEL> configureClient)
      throws InterruptedException {
    return builder(bus).interfaceType(interfaceType).ringPages(ringPages)
        .configureServer(configureServer).configureClient(configureClient).open();
  }

  /**
   * A builder for a pair on {@code bus}: {@link #DEFAULT_INTERFACE_TYPE}, the client channel's
   * default rings and packet count, no packet callbacks, a server that is started.
   *
   * @param bus the bus both ends are on
   * @return the builder
   */
  public static Builder builder(SimVmbus bus) {
    return new Builder(bus);
  }

  /**
   * The bus the pair is on.
   *
   * @return the bus
   */
  public SimVmbus bus() {
    return bus;
  }

  /**
   * The server (host, VSP) channel.
   *
   * @return the server channel
   */
  public VMBCHANNEL server() {
    return server;
  }

  /**
   * The client (guest, VSC) channel.
   *
   * @return the client channel
   */
  public VMBCHANNEL client() {
    return client;
  }

  /**
   * The state-change callbacks both ends ran so far, oldest first, as {@code "server:opened"},
   * {@code "client:postStarted"} and so on.
   *
   * @return a live, thread-safe view of the log
   */
  public List<String> events() {
    return events;
  }

  /**
   * How many times {@code event} was logged.
   *
   * @param event an entry such as {@code "client:closed"}
   * @return its count so far
   */
  public int count(String event) {
    int n = 0;
    for (String e : events) {
      if (e.equals(event)) {
        n++;
      }
    }
    return n;
  }

  /**
   * Publishes the offer, starts the server unless the builder said not to (a server that is not
   * started never touches the rings, so a test can play the host on them) and enables the client;
   * returns without waiting for either end to open.
   *
   * @return this pair
   * @throws IllegalStateException when an Enable fails
   */
  public SimChannelPair enable() {
    check(VmbChannelEnable(server), "VmbChannelEnable(server)");
    if (startServer) {
      VmbChannelStart(server);
    }
    check(VmbChannelEnable(client), "VmbChannelEnable(client)");
    return this;
  }

  /**
   * {@link #enable}, then waits until the client ran PostStarted, and the server too if it was
   * started.
   *
   * @return this pair, open
   * @throws InterruptedException when interrupted while waiting
   * @throws IllegalStateException when an Enable fails or the pair does not open within a minute
   */
  public SimChannelPair open() throws InterruptedException {
    int clientStarts = count("client:postStarted");
    int serverStarts = count("server:postStarted");
    enable();
    awaitCount("client:postStarted", clientStarts + 1);
    if (startServer) {
      awaitCount("server:postStarted", serverStarts + 1);
    }
    if (!((EngineChannel) client).isOpen()) {
      throw new IllegalStateException(client + " ran PostStarted but is not open: " + events);
    }
    return this;
  }

  /**
   * Waits until both ends ran PostStarted at least once.
   *
   * @throws InterruptedException when interrupted while waiting
   * @throws IllegalStateException when they do not within a minute
   */
  public void awaitActive() throws InterruptedException {
    awaitEvent("client:postStarted");
    awaitEvent("server:postStarted");
  }

  /**
   * Waits until {@code event} was logged at least once.
   *
   * @param event an entry such as {@code "server:closed"}
   * @throws InterruptedException when interrupted while waiting
   * @throws IllegalStateException when it is not logged within a minute
   */
  public void awaitEvent(String event) throws InterruptedException {
    awaitCount(event, 1);
  }

  private void awaitCount(String event, int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_NANOS;
    synchronized (events) {
      while (count(event) < atLeast) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("no " + event + " (x" + atLeast + ") in " + events);
        }
        TimeUnit.NANOSECONDS.timedWait(events, left);
      }
    }
  }

  private void log(String event) {
    events.add(event);
    synchronized (events) {
      events.notifyAll();
    }
  }

  /** Disables and cleans up both channels (the client first, as a guest shuts down before its host). */
  public void close() {
    VmbChannelDisable(client);
    VmbChannelCleanup(client);
    VmbChannelDisable(server);
    VmbChannelCleanup(server);
  }

  @Override
  public String toString() {
    return "SimChannelPair[server=" + server + ", client=" + client + "]";
  }

  /**
   * The callbacks the pair registers on one end: each runs the test's own callback of {@code user}
   * if it has one, then logs, so a waiter that sees the entry also sees what the callback did.
   */
  private VMB_CHANNEL_STATE_CHANGE_CALLBACKS logging(String who,
      @Nullable VMB_CHANNEL_STATE_CHANGE_CALLBACKS user) {
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS cb = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    cb.Version = 1;
    cb.Size = VMB_CHANNEL_STATE_CHANGE_CALLBACKS.SIZEOF;
    var opened = user == null ? null : user.EvtChannelOpened;
    var started = user == null ? null : user.EvtChannelStarted;
    var postStarted = user == null ? null : user.EvtChannelPostStarted;
    var suspend = user == null ? null : user.EvtChannelSuspend;
    var closed = user == null ? null : user.EvtChannelClosed;
    cb.EvtChannelOpened = ch -> {
      NtStatus status = opened == null ? NtStatus.STATUS_SUCCESS : opened.EvtVmbChannelOpened(ch);
      log(who + ":opened");
      return status;
    };
    cb.EvtChannelStarted = ch -> {
      if (started != null) {
        started.EvtVmbChannelStarted(ch);
      }
      log(who + ":started");
    };
    cb.EvtChannelPostStarted = ch -> {
      if (postStarted != null) {
        postStarted.EvtVmbChannelPostStarted(ch);
      }
      log(who + ":postStarted");
    };
    cb.EvtChannelSuspend = ch -> {
      if (suspend != null) {
        suspend.EvtVmbChannelSuspend(ch);
      }
      log(who + ":suspend");
    };
    cb.EvtChannelClosed = ch -> {
      if (closed != null) {
        closed.EvtVmbChannelClosed(ch);
      }
      log(who + ":closed");
    };
    return cb;
  }

  private static void check(NtStatus status, String what) {
    if (!NT_SUCCESS(status)) {
      throw new IllegalStateException(what + " failed: " + status);
    }
  }

  /** What a {@link SimChannelPair} is made with; every setting has a default. */
  public static final class Builder {
    private final SimVmbus bus;
    private UUID interfaceType = DEFAULT_INTERFACE_TYPE;
    private @Nullable UUID instance;
    private int ringPages;
    private int maximumPacketCount;
    private @Nullable EVT_VMB_CHANNEL_PROCESS_PACKET serverPackets;
    private @Nullable EVT_VMB_CHANNEL_PROCESS_PACKET clientPackets;
    private @Nullable VMB_CHANNEL_STATE_CHANGE_CALLBACKS serverStates;
    private @Nullable VMB_CHANNEL_STATE_CHANGE_CALLBACKS clientStates;
    private Consumer<VMBCHANNEL> configureServer = c -> {};
    private Consumer<VMBCHANNEL> configureClient = c -> {};
    private boolean startServer = true;

    private Builder(SimVmbus bus) {
      this.bus = Objects.requireNonNull(bus, "bus");
    }

    /**
     * The interface type the server offers and the client targets.
     *
     * @param type the interface type (default {@link SimChannelPair#DEFAULT_INTERFACE_TYPE})
     * @return this builder
     */
    public Builder interfaceType(UUID type) {
      this.interfaceType = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * The instance the server offers, which the client then targets too (several pairs of one type
     * on one bus). Without it the server offers a random instance and the client targets any.
     *
     * @param id the instance id
     * @return this builder
     */
    public Builder instance(UUID id) {
      this.instance = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * The pages of each ring of the client's ring pair, control page included.
     *
     * @param pages pages per ring; 0 (the default) leaves the channel's own default
     * @return this builder
     */
    public Builder ringPages(int pages) {
      this.ringPages = pages;
      return this;
    }

    /**
     * The client's {@code VmbChannelInitSetMaximumPacketCount}.
     *
     * @param count the packet count; 0 (the default) leaves the channel's own default
     * @return this builder
     */
    public Builder maximumPacketCount(int count) {
      this.maximumPacketCount = count;
      return this;
    }

    /**
     * The server's packet callback ({@code VmbChannelInitSetProcessPacketCallbacks}).
     *
     * @param callback runs for each packet the server receives
     * @return this builder
     */
    public Builder serverPackets(EVT_VMB_CHANNEL_PROCESS_PACKET callback) {
      this.serverPackets = Objects.requireNonNull(callback, "callback");
      return this;
    }

    /**
     * The client's packet callback ({@code VmbChannelInitSetProcessPacketCallbacks}).
     *
     * @param callback runs for each packet the client receives
     * @return this builder
     */
    public Builder clientPackets(EVT_VMB_CHANNEL_PROCESS_PACKET callback) {
      this.clientPackets = Objects.requireNonNull(callback, "callback");
      return this;
    }

    /**
     * The server's own state-change callbacks: the pair runs each before it logs the change. The
     * callbacks are read once, when the pair is allocated.
     *
     * @param callbacks any of {@code EvtChannelOpened}, {@code Started}, {@code PostStarted}, {@code
     *     Suspend}, {@code Closed}; {@code EvtChannelOpened}'s status is the channel's answer
     * @return this builder
     */
    public Builder serverStateCallbacks(VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks) {
      this.serverStates = Objects.requireNonNull(callbacks, "callbacks");
      return this;
    }

    /**
     * The client's own state-change callbacks, as {@link #serverStateCallbacks} for the server.
     *
     * @param callbacks any of {@code EvtChannelOpened}, {@code Started}, {@code PostStarted}, {@code
     *     Suspend}, {@code Closed}
     * @return this builder
     */
    public Builder clientStateCallbacks(VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks) {
      this.clientStates = Objects.requireNonNull(callbacks, "callbacks");
      return this;
    }

    /**
     * Runs on the Disabled server channel after the pair's own settings, before Enable.
     *
     * @param configurer {@code VmbChannelInitSet*} calls, not the state-change ones ({@link
     *     #serverStateCallbacks})
     * @return this builder
     */
    public Builder configureServer(Consumer<VMBCHANNEL> configurer) {
      this.configureServer = Objects.requireNonNull(configurer, "configurer");
      return this;
    }

    /**
     * Runs on the Disabled client channel after the pair's own settings, before Enable.
     *
     * @param configurer {@code VmbChannelInitSet*} calls, not the state-change ones ({@link
     *     #clientStateCallbacks})
     * @return this builder
     */
    public Builder configureClient(Consumer<VMBCHANNEL> configurer) {
      this.configureClient = Objects.requireNonNull(configurer, "configurer");
      return this;
    }

    /**
     * Whether {@link SimChannelPair#enable} starts the server.
     *
     * @param start false leaves the server open but not started, so it never reads its rings
     * @return this builder
     */
    public Builder startServer(boolean start) {
      this.startServer = start;
      return this;
    }

    /**
     * Allocates and configures both channels; nothing is enabled yet.
     *
     * @return the pair, both ends Disabled
     * @throws IllegalStateException when a KMCL call fails
     */
    public SimChannelPair allocate() {
      Ref<VMBCHANNEL> s = new Ref<>();
      Ref<VMBCHANNEL> c = new Ref<>();
      check(VmbChannelAllocate(bus.hostDevice(), TRUE, s), "VmbChannelAllocate(server)");
      check(VmbChannelAllocate(bus.guestDevice(), FALSE, c), "VmbChannelAllocate(client)");
      SimChannelPair pair = new SimChannelPair(bus, s.require(), c.require(), startServer);
      VMBCHANNEL server = pair.server;
      VMBCHANNEL client = pair.client;
      UUID offered = instance;
      check(VmbServerChannelInitSetTargetInterfaceId(server, interfaceType,
          offered == null ? UUID.randomUUID() : offered), "VmbServerChannelInitSetTargetInterfaceId");
      check(VmbChannelInitSetStateChangeCallbacks(server, pair.logging("server", serverStates)),
          "VmbChannelInitSetStateChangeCallbacks(server)");
      if (serverPackets != null) {
        check(VmbChannelInitSetProcessPacketCallbacks(server, serverPackets, null),
            "VmbChannelInitSetProcessPacketCallbacks(server)");
      }
      check(VmbClientChannelInitSetTargetPnp(client, interfaceType, offered, null),
          "VmbClientChannelInitSetTargetPnp");
      if (ringPages != 0) {
        check(VmbClientChannelInitSetRingBufferPageCount(client, ringPages, ringPages),
            "VmbClientChannelInitSetRingBufferPageCount");
      }
      if (maximumPacketCount != 0) {
        check(VmbChannelInitSetMaximumPacketCount(client, maximumPacketCount),
            "VmbChannelInitSetMaximumPacketCount");
      }
      check(VmbChannelInitSetStateChangeCallbacks(client, pair.logging("client", clientStates)),
          "VmbChannelInitSetStateChangeCallbacks(client)");
      if (clientPackets != null) {
        check(VmbChannelInitSetProcessPacketCallbacks(client, clientPackets, null),
            "VmbChannelInitSetProcessPacketCallbacks(client)");
      }
      configureServer.accept(server);
      configureClient.accept(client);
      return pair;
    }

    /**
     * {@link #allocate}, then {@link SimChannelPair#enable}: returns without waiting.
     *
     * @return the pair, enabled
     * @throws IllegalStateException when a KMCL call fails
     */
    public SimChannelPair enable() {
      return allocate().enable();
    }

    /**
     * {@link #allocate}, then {@link SimChannelPair#open}.
     *
     * @return the pair, open and started
     * @throws InterruptedException when interrupted while the pair opens
     * @throws IllegalStateException when a KMCL call fails or the pair does not open within a minute
     */
    public SimChannelPair open() throws InterruptedException {
      return allocate().open();
    }
  }
}
