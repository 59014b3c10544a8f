package dev.vmbkmcl.channel;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESSING_COMPLETE;
import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESSING_COMPLETE_EX;
import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESS_PACKET;
import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESS_PACKET_EX;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.StateChangeCallbacksHeader;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.observe.ChannelObserver;
import dev.vmbkmcl.observe.GlobalObservers;
import dev.vmbkmcl.spi.ChannelLink;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The engine's {@code VMBCHANNEL}: configuration, the KMCL state machine (kmcl-api.md §1.2) and the
 * two data paths ({@link Outbound}, {@link Inbound}) once the backend has connected it.
 *
 * <p>States: Disabled → (Enable) Enabled → (the transport's {@link ChannelConnection#up}) Opened; started and
 * paused are a separate flag (§1.2 step 5). Transitions run under one transition lock, in the caller's
 * thread for Enable / Start / Pause / Disable and in a control thread for the backend's link events.
 * State-change callbacks run there too, where blocking is allowed; calling Start, Pause or Disable
 * from inside one throws {@link IllegalStateException}, because it would wait for itself (§5 item 5).
 */
public final class EngineChannel extends VMBCHANNEL {
  enum State { DISABLED, ENABLED, OPENED }

  static {
    // Loaded now, not on the poison path: loading a class allocates, and poison must not.
    PoisonReasons.load();
  }

  final Engine backend;
  /** The engine's callbacks for this channel's link, handed to the transport in connect. */
  final ChannelConnection connection = new ChannelConnection(this);
  final ChannelSettings settings;
  final StateCallbacks stateCallbacks = new StateCallbacks();
  final ReentrantLock transition = new ReentrantLock();
  final Outbound outbound;
  final Inbound inbound;
  private volatile State state = State.DISABLED;
  private boolean started;
  private boolean pauseArmed;
  private boolean running;
  private volatile @Nullable Thread callbackThread;
  private @Nullable ChannelLink link;
  private @Nullable Object pointer;
  private int interruptLatency;
  private @Nullable DeviceObject targetDevice;
  private @Nullable UUID activeInstance;
  @Nullable EVT_VMB_CHANNEL_PROCESS_PACKET processPacket;
  @Nullable EVT_VMB_CHANNEL_PROCESSING_COMPLETE processingComplete;
  @Nullable EVT_VMB_CHANNEL_PROCESS_PACKET_EX processPacketEx;
  @Nullable EVT_VMB_CHANNEL_PROCESSING_COMPLETE_EX processingCompleteEx;
  @Nullable Object processContext;
  volatile int dpcCpuPercentage = 100;
  @Nullable SaveRestoreCallbacks saveRestore;
  private final java.util.ArrayDeque<EnginePacket> packetPool = new java.util.ArrayDeque<>();
  /** Packets out of the pool, including the one in {@link #hotPacket}; under its monitor. */
  private int allocatedPackets;
  /** Save and restore (§1.7); it locks this channel's monitor, as these methods did when they were here. */
  private final ChannelSaveRestore saves = new ChannelSaveRestore(this);
  /**
   * At most one free allocated packet that the default completion routine retired, taken and
   * filled with one atomic operation each (no ABA: a slot holds one reference, not a list).
   */
  private final java.util.concurrent.atomic.AtomicReference<@Nullable EnginePacket> hotPacket =
      new java.util.concurrent.atomic.AtomicReference<>();
  /** Read on the hot path from a plain field: it is fixed before Enable (the seam's contract). */
  ChannelObserver observer = ChannelObserver.NONE;
  /** True once a driver set an observer, or Enable chose the global ones (capture property, JFR). */
  private boolean observerChosen;
  private @Nullable IdleStrategy idleStrategy;
  /** Why the channel was poisoned: a constant, so poisoning allocates nothing; null when healthy. */
  private volatile @Nullable String poisonReason;
  /** What the poison reason refers to (the reader's or writer's finding, or the Throwable). */
  private volatile @Nullable Object poisonDetail;
  private boolean startedOnce;

  EngineChannel(Engine backend, DeviceObject parent, boolean isServer) {
    super(backend, isServer);
    this.backend = backend;
    this.settings = new ChannelSettings(parent, isServer);
    this.outbound = new Outbound(this);
    this.inbound = new Inbound(this);
  }

  /**
   * Fixes the observer this channel reports its traffic to (an SDK extension, no KMCL twin).
   *
   * @param newObserver the observer; {@link ChannelObserver#NONE} observes nothing
   * @throws IllegalStateException unless the channel is Disabled (before {@code VmbChannelEnable})
   * @throws NullPointerException if {@code newObserver} is null
   */
  public void setObserver(ChannelObserver newObserver) {
    java.util.Objects.requireNonNull(newObserver, "observer");
    if (state != State.DISABLED) {
      throw new IllegalStateException("setObserver: " + this + " is not Disabled; an observer is"
          + " fixed before VmbChannelEnable");
    }
    observer = newObserver;
    observerChosen = true;
  }

  /** True while the channel is Disabled, when {@link #setObserver} is legal. */
  public boolean isDisabledForObserver() {
    return state == State.DISABLED;
  }

  /**
   * The observer this channel reports to.
   *
   * @return the observer; {@link ChannelObserver#NONE} when none
   */
  public ChannelObserver observer() {
    return observer;
  }

  /**
   * Chooses how this channel's threads wait for the peer (an SDK extension, no KMCL twin; the
   * facade is {@code dev.vmbkmcl.ext.ChannelIdle}).
   *
   * @param strategy the strategy, or null for the backend's default
   * @return {@code STATUS_SUCCESS}, or {@code STATUS_INVALID_DEVICE_STATE} unless the channel is
   *     Disabled
   */
  public NtStatus setIdleStrategy(@Nullable IdleStrategy strategy) {
    if (state != State.DISABLED) {
      return NtStatus.STATUS_INVALID_DEVICE_STATE;
    }
    idleStrategy = strategy;
    return NtStatus.STATUS_SUCCESS;
  }

  /**
   * How this channel's threads wait: the strategy set before Enable, else the backend's default.
   *
   * @return the strategy in force
   */
  public IdleStrategy idleStrategy() {
    IdleStrategy s = idleStrategy;
    return s != null ? s : backend.defaultIdleStrategy();
  }

  /** Rings the peer's doorbell and tells the observer: the one place the engine signals. */
  void signalPeer(ChannelLink l) {
    l.signalPeer();
    observer.signalSent();
  }

  /** What the {@code InitSet*} calls configured. */
  public ChannelSettings settings() {
    return settings;
  }

  @Override
  protected boolean isDisabled() {
    return state == State.DISABLED;
  }

  /** True once the channel is open (between {@code EvtChannelOpened} and {@code EvtChannelClosed}). */
  public boolean isOpen() {
    return state == State.OPENED;
  }

  int maxTypeHeaderBytes() {
    // GPA-direct header: 8 bytes, then per range 8 bytes plus 8 per page.
    int pages = settings.maximumExternalDataSize / dev.vmbkmcl.ring.HvPage.SIZE
        + 2 * Math.max(1, settings.maximumExternalChainLength);
    return 8 + 8 * Math.max(1, settings.maximumExternalChainLength) + 8 * pages;
  }

  // ---- pointer, accessors ------------------------------------------------------------------

  void setPointer(@Nullable Object value) {
    pointer = value;
  }

  @Nullable Object getPointer() {
    return pointer;
  }

  /** For backends: the device that represents the connected VMBus device. */
  public void setTargetDevice(@Nullable DeviceObject device) {
    targetDevice = device;
  }

  @Nullable DeviceObject targetDevice() {
    return targetDevice;
  }

  /** For backends: the instance GUID of the offer this channel is connected to. */
  public void setActiveInstance(@Nullable UUID instance) {
    activeInstance = instance;
  }

  @Nullable UUID activeInstance() {
    UUID a = activeInstance;
    if (a != null) {
      return a;
    }
    return settings.server ? settings.interfaceInstance : settings.targetInstance;
  }

  int swapInterruptLatency(int latency) {
    int old = interruptLatency;
    interruptLatency = latency;
    return old;
  }

  void setStateCallbacks(StateChangeCallbacksHeader header) {
    stateCallbacks.set(header);
  }

  // ---- state machine -----------------------------------------------------------------------

  private void refuseFromCallback(String function) {
    if (callbackThread == Thread.currentThread()) {
      throw new IllegalStateException(function + " called from inside a state-change callback of "
          + this + "; KMCL forbids it because it would wait for the callback to return");
    }
  }

  NtStatus enable() {
    refuseFromCallback("VmbChannelEnable");
    transition.lock();
    try {
      if (state != State.DISABLED) {
        return NtStatus.STATUS_INVALID_DEVICE_STATE;
      }
      EngineChannel primary = settings.primary;
      if (primary != null && !primary.isOpen()) {
        return NtStatus.STATUS_INVALID_DEVICE_STATE;
      }
      started = !settings.server && !pauseArmed;
      if (primary != null && !primary.started) {
        started = false;
      }
      pauseArmed = false;
      saves.forgetSave();
      if (!observerChosen) {
        // The system-property tap (vmbkmcl.capture) and JFR, decided once per channel.
        observer = GlobalObservers.forChannel(
            settings.server ? settings.interfaceType : settings.targetType, activeInstance(),
            settings.server);
        observerChosen = true;
      }
      state = State.ENABLED;
      outbound.reset();
      inbound.reset();
      poisonReason = null;
      poisonDetail = null;
      startedOnce = false;
      NtStatus status = backend.connect(this);
      if (!status.isSuccess()) {
        state = State.DISABLED;
      } else {
        observer.stateChanged("ENABLED", "");
      }
      return status;
    } finally {
      transition.unlock();
    }
  }

  void start() {
    refuseFromCallback("VmbChannelStart");
    transition.lock();
    try {
      if (state == State.DISABLED) {
        pauseArmed = false;
        return;
      }
      if (started) {
        return;
      }
      started = true;
      if (state == State.OPENED) {
        runStarted();
      }
    } finally {
      transition.unlock();
    }
    for (EngineChannel sub : backend.subChannelsOf(this)) {
      sub.start();
    }
  }

  /**
   * The IRQL analogue: the delivery thread runs at DISPATCH_LEVEL, where KMCL forbids waiting, and a
   * wait there for this channel's own delivery would never end.
   */
  void refuseOnDeliveryThread(String function) {
    Thread me = Thread.currentThread();
    // A requester that reaps runs completion routines inline, at the same level as delivery.
    if (inbound.isDeliveryThread(me) || inbound.reapsOn(me)) {
      throw new IllegalStateException(function + " would wait on the delivery thread of " + this
          + " for that same thread (EvtVmbChannelProcessPacket and EvtVmbChannelProcessingComplete"
          + " run at the DISPATCH_LEVEL analogue, where KMCL forbids waiting; defer to passive with"
          + " VmbChannelPacketDeferToPassive, or send without waiting)");
    }
  }

  void pause() {
    refuseFromCallback("VmbChannelPause");
    refuseOnDeliveryThread("VmbChannelPause");
    for (EngineChannel sub : backend.subChannelsOf(this)) {
      sub.pause();
    }
    transition.lock();
    try {
      if (state == State.DISABLED) {
        pauseArmed = true;
        return;
      }
      if (!started) {
        return;
      }
      started = false;
      if (running) {
        runSuspend();
      }
    } finally {
      transition.unlock();
    }
  }

  void disable() {
    refuseFromCallback("VmbChannelDisable");
    refuseOnDeliveryThread("VmbChannelDisable");
    for (EngineChannel sub : backend.subChannelsOf(this)) {
      sub.disable();
    }
    transition.lock();
    try {
      if (state == State.DISABLED) {
        return;
      }
      if (state == State.OPENED) {
        close(NtStatus.STATUS_CANCELLED, NtStatus.STATUS_DEVICE_REMOVED);
      }
      backend.disconnect(this);
      if (saves.isSaved()) {
        outbound.forgetAll();
      } else {
        outbound.failAll(NtStatus.STATUS_CANCELLED, NtStatus.STATUS_DEVICE_REMOVED);
      }
      state = State.DISABLED;
      started = false;
      observer.stateChanged("DISABLED", "");
    } finally {
      transition.unlock();
    }
  }

  /**
   * True after a complete save (every chunk went out) until the channel is enabled again: its
   * Disable hands the connection to the restored channel instead of closing it, and its packets
   * belong to the save (they are dropped, not completed).
   */
  public boolean isSavedForRestore() {
    return saves.isSaved();
  }

  // ---- save / restore (server, §1.7): ChannelSaveRestore, under this channel's monitor ------------

  NtStatus saveBegin() {
    return saves.saveBegin();
  }

  NtStatus saveContinue(java.nio.ByteBuffer buffer, int size, dev.vmbkmcl.UInt32Ref filled,
      dev.vmbkmcl.UInt32Ref required) {
    return saves.saveContinue(buffer, size, filled, required);
  }

  void saveEnd() {
    saves.saveEnd();
  }

  NtStatus restoreFromBuffer(java.nio.ByteBuffer buffer, int size) {
    return saves.restoreFromBuffer(buffer, size);
  }

  NtStatus packetRestore(EnginePacket p, java.nio.ByteBuffer lib, int size) {
    return saves.packetRestore(p, lib, size);
  }

  /**
   * {@link ChannelConnection#up}: the peer accepted the channel and {@code newLink} carries its
   * rings. Runs {@code EvtChannelOpened}, then Started / PostStarted if started, in a control thread.
   */
  void linkUp(ChannelLink newLink) {
    backend.controlThread(this, "open", () -> openWith(newLink));
  }

  /**
   * {@link ChannelConnection#down}: the peer closed the channel or rescinded the offer ({@code rescinded}). Waiters
   * return {@code STATUS_DEVICE_REMOVED} at once; then Suspend and Closed run in a control thread. A
   * client channel ends Disabled; a server channel stays enabled and waits for the next open.
   */
  void linkDown(boolean rescinded) {
    if (rescinded) {
      observer.stateChanged("RESCINDED", "");
    }
    outbound.failWaiters(NtStatus.STATUS_DEVICE_REMOVED);
    inbound.stop();
    backend.controlThread(this, "close", () -> {
      for (EngineChannel sub : backend.subChannelsOf(this)) {
        sub.linkDown(rescinded);
      }
      transition.lock();
      try {
        if (state != State.OPENED) {
          return;
        }
        close(NtStatus.STATUS_CANCELLED, NtStatus.STATUS_DEVICE_REMOVED);
        if (!settings.server) {
          backend.disconnect(this);
          outbound.failAll(NtStatus.STATUS_CANCELLED, NtStatus.STATUS_DEVICE_REMOVED);
          state = State.DISABLED;
          started = false;
        }
      } finally {
        transition.unlock();
      }
    });
  }

  /**
   * {@link ChannelConnection#failed}: connecting failed after {@code VmbChannelEnable} returned; runs the client's {@code
   * EvtChannelPnpFailure} and leaves the channel Enabled (the driver disables it).
   */
  void connectFailed(NtStatus failure) {
    backend.controlThread(this, "pnp-failure", () -> {
      var callback = settings.pnpFailure;
      if (callback != null) {
        withCallbackThread(() -> callback.EvtChannelPnpFailure(this, failure));
      }
    });
  }

  private void openWith(ChannelLink newLink) {
    transition.lock();
    try {
      if (state != State.ENABLED) {
        newLink.close();
        return;
      }
      link = newLink;
      outbound.attach(newLink);
      inbound.attach(newLink);
      state = State.OPENED;
      observer.stateChanged("OPENED", "");
      NtStatus opened = stateCallbacks.opened(this);
      if (!opened.isSuccess()) {
        // Decision (§5 item 6): the connection is dropped and the channel stays Enabled, with no
        // traffic, until the driver disables it.
        inbound.stop();
        inbound.join();
        outbound.detach();
        newLink.close();
        link = null;
        state = State.ENABLED;
        return;
      }
      outbound.opened();
      inbound.startThread();
      if (started) {
        runStarted();
      }
    } finally {
      transition.unlock();
    }
  }

  private void runStarted() {
    observer.stateChanged(startedOnce ? "RESUMED" : "STARTED", "");
    startedOnce = true;
    stateCallbacks.started(this);
    inbound.setQueueRunning(true);
    stateCallbacks.postStarted(this);
    running = true;
  }

  private void runSuspend() {
    observer.stateChanged("PAUSED", ""); // a pause, or the suspend that a close starts with
    inbound.setQueueRunning(false);
    inbound.awaitNoCallbackRunning();
    stateCallbacks.suspend(this);
    inbound.awaitNoOutstanding();
    running = false;
  }

  private void close(NtStatus queuedStatus, NtStatus waiterStatus) {
    outbound.failWaiters(waiterStatus);
    if (running) {
      runSuspend();
    }
    inbound.stop();
    inbound.join();
    if (saves.isSaved()) {
      outbound.forgetAll();
    } else {
      outbound.failAll(queuedStatus, waiterStatus);
    }
    outbound.detach();
    ChannelLink l = link;
    link = null;
    if (l != null) {
      l.close();
    }
    // A closed channel accepts queued sends but sends nothing (§3.1 EvtChannelClosed).
    state = State.ENABLED;
    startedOnce = false;
    observer.stateChanged("CLOSED", waiterStatus.toString());
    stateCallbacks.closed(this);
  }

  /** Runs a state-change callback with this thread marked, so Start/Pause/Disable inside it throw. */
  void withCallbackThread(Runnable callback) {
    Thread previous = callbackThread;
    callbackThread = Thread.currentThread();
    try {
      callback.run();
    } finally {
      callbackThread = previous;
    }
  }

  /**
   * The channel is poisoned: every waiter and later send gets {@code STATUS_DATA_ERROR}, nothing
   * more is read. Allocates nothing (it runs under OutOfMemoryError too): {@code reason} is a
   * constant and {@code detail} an object that already exists.
   */
  void poison(String reason, @Nullable Object detail) {
    if (poisonReason == null) {
      poisonDetail = detail;
      poisonReason = reason;
    }
    outbound.poison(reason);
    inbound.poison(reason);
    observer.stateChanged(PoisonReasons.EVENT_POISONED,
        detail instanceof String ? (String) detail : reason);
  }

  /** Why the channel was poisoned, or null when it is healthy. */
  public @Nullable String corruption() {
    String reason = poisonReason;
    if (reason == null) {
      return outbound.corruption();
    }
    Object detail = poisonDetail;
    return detail == null ? reason : reason + ": " + detail;
  }

  // ---- packets ---------------------------------------------------------------------------------

  /** {@code VmbPacketAllocate}: from the lookaside pool; null once MaximumPacketCount are out. */
  @Nullable EnginePacket allocatePacket() {
    // The hot slot first: the packet the default routine retired last, taken with one atomic
    // exchange and no monitor (the stream's allocate-send-retire loop lives there).
    EnginePacket p = hotPacket.get() == null ? null : hotPacket.getAndSet(null);
    if (p == null) {
      // The pool has its own monitor: a completion routine may free a packet while the send lock
      // is held, and save holds the channel's monitor while it takes the send lock.
      synchronized (packetPool) {
        p = allocateFromPool();
      }
      if (p == null) {
        return null;
      }
    }
    return prepareAllocated(p);
  }

  /** Under the pool's monitor; counts the packet as out (a slot's packet already counts). */
  private @Nullable EnginePacket allocateFromPool() {
    EnginePacket p = packetPool.pollFirst();
    if (p == null) {
      if (allocatedPackets >= settings.maximumPacketCount) {
        // The slot's packet counts as out: it may have been retired since the caller looked.
        return hotPacket.getAndSet(null);
      }
      p = new EnginePacket(this, EnginePacket.Origin.ALLOCATED);
    }
    allocatedPackets++;
    return p;
  }

  private EnginePacket prepareAllocated(EnginePacket p) {
    p.phase = EnginePacket.Phase.IDLE;
    p.routine = null;
    p.routineEx = null;
    p.routineContext = null;
    p.routineSet = true; // the default routine frees an allocated packet
    p.pointer = null;
    return p;
  }

  /** {@code VmbPacketFree}: refuses a packet in flight and a second free (§5 item 20). */
  void freePacket(EnginePacket p) {
    synchronized (packetPool) {
      freeToPool(p);
    }
  }

  private void freeToPool(EnginePacket p) {
    if (p.phase == EnginePacket.Phase.QUEUED || p.phase == EnginePacket.Phase.IN_FLIGHT) {
      throw new IllegalStateException("VmbPacketFree: " + p + " is still in flight");
    }
    if (p.phase == EnginePacket.Phase.FREED) {
      throw new IllegalStateException("VmbPacketFree: " + p + " was already freed");
    }
    p.phase = EnginePacket.Phase.FREED;
    if (p.origin == EnginePacket.Origin.ALLOCATED) {
      allocatedPackets--;
      packetPool.addLast(p);
    }
  }

  void packetRetiredByDefaultRoutine(EnginePacket p) {
    // Into the empty hot slot without a monitor; it stays counted in allocatedPackets there, so the
    // MaximumPacketCount bound holds (allocateFromPool takes it back when the count is at the limit).
    if (hotPacket.get() == null && hotPacket.compareAndSet(null, p)) {
      return;
    }
    synchronized (packetPool) {
      allocatedPackets--;
      packetPool.addLast(p);
    }
  }

  NtStatus sendPacket(EnginePacket p, java.nio.ByteBuffer buffer, int length,
      dev.vmbkmcl.@Nullable Mdl mdl, int mdlOffset, int mdlLength, long @Nullable [] pfns, int flags) {
    if (p.phase == EnginePacket.Phase.FREED) {
      throw new IllegalStateException("VmbPacketSend: " + p + " was freed");
    }
    if (!p.routineSet) {
      throw new IllegalStateException("VmbPacketSend: " + p + " has no completion routine; a packet"
          + " from VmbPacketInitialize needs VmbPacketSetCompletionRoutine before it is sent");
    }
    java.nio.ByteBuffer header = null;
    if (mdl != null || pfns != null) {
      if (settings.isPipe()) {
        return NtStatus.STATUS_INVALID_PARAMETER; // pipe mode carries no external memory
      }
      header = ExternalData.encode(backend, this, mdl, mdlOffset, mdlLength, pfns, flags);
      if (header == null) {
        return NtStatus.STATUS_NOT_SUPPORTED;
      }
    }
    int type = header == null ? dev.vmbkmcl.ring.PacketLayout.TYPE_INBAND
        : dev.vmbkmcl.ring.PacketLayout.TYPE_GPA_DIRECT;
    return outbound.send(p, type, header, buffer, length, flags);
  }

  NtStatus sendSynchronous(java.nio.ByteBuffer buffer, int size, dev.vmbkmcl.@Nullable Mdl mdl,
      int flags, java.nio.@Nullable ByteBuffer completionBuffer,
      dev.vmbkmcl.@Nullable UInt32Ref completionSize, dev.vmbkmcl.@Nullable LargeInteger timeout) {
    java.nio.ByteBuffer header = null;
    if (mdl != null) {
      if (settings.isPipe()) {
        return NtStatus.STATUS_INVALID_PARAMETER; // pipe mode carries no external memory
      }
      header = ExternalData.encode(backend, this, mdl, 0, 0, null, flags);
      if (header == null) {
        return NtStatus.STATUS_NOT_SUPPORTED;
      }
    }
    return outbound.sendSynchronous(buffer, size, header, flags, completionBuffer, completionSize,
        timeout);
  }

  @Override
  public String toString() {
    String name = settings.friendlyName;
    return "VMBCHANNEL(" + (settings.server ? "server" : "client")
        + (name == null ? "" : " " + name) + ", " + state + ")";
  }
}
